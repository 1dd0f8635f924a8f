import fc from 'fast-check'
import { PayoutStatus } from '../../types/api'
import {
  FINAL_PAYOUT_STATUSES,
  IllegalPayoutMove,
  PayoutEvent,
  PayoutRefusalCode,
  capLeftFen,
  isFinalPayout,
  maxPayoutFen,
  nextPayoutStatus,
  payoutLedgerEffect,
  payoutMove,
  payoutRefusal,
  transferStateEvent,
} from '@/domain/payouts'

const MIN = 1_000
const CAP = 500_000

describe('asking to withdraw', () => {
  it('a leader with ¥86.40 withdrawable may take ¥50.00', () => {
    expect(payoutRefusal(5_000, 8_640, MIN, CAP, false)).toBeNull()
  })

  it('¥9.99 is below the ¥10.00 minimum', () => {
    expect(payoutRefusal(999, 8_640, MIN, CAP, false)).toBe(PayoutRefusalCode.belowMinimum)
  })

  it('more than is withdrawable is refused, even when the whole balance (with pending) would cover it', () => {
    expect(payoutRefusal(8_641, 8_640, MIN, CAP, false)).toBe(PayoutRefusalCode.overBalance)
  })

  it("over what is left of today's cap is refused", () => {
    expect(payoutRefusal(20_000, 900_000, MIN, capLeftFen(CAP, 490_000), false)).toBe(PayoutRefusalCode.dailyCap)
  })

  it('a suspended owner cannot withdraw at all', () => {
    expect(payoutRefusal(5_000, 8_640, MIN, CAP, true)).toBe(PayoutRefusalCode.suspended)
  })

  it('a negative withdrawable balance (after a reversal) allows nothing', () => {
    expect(payoutRefusal(MIN, -300, MIN, CAP, false)).toBe(PayoutRefusalCode.overBalance)
    expect(maxPayoutFen(-300, MIN, CAP)).toBe(0)
  })

  it('property: an accepted amount is within every limit, and every amount within them is accepted', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000, max: 2_000_000 }),
        fc.integer({ min: -50_000, max: 2_000_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.boolean(),
        (amount, withdrawable, min, cap, requestedToday, suspended) => {
          const left = capLeftFen(cap, requestedToday)
          const refusal = payoutRefusal(amount, withdrawable, min, left, suspended)
          const within = !suspended && amount >= min && amount <= withdrawable && amount <= left
          expect(refusal === null).toBe(within)
          // what is left after an accepted request is never negative, nor is the day over its cap
          if (refusal === null) {
            expect(withdrawable - amount).toBeGreaterThanOrEqual(0)
            expect(requestedToday + amount).toBeLessThanOrEqual(Math.max(cap, requestedToday))
          }
          // the most the form offers is itself accepted (or nothing is)
          const most = maxPayoutFen(withdrawable, min, left)
          if (most > 0) expect(payoutRefusal(most, withdrawable, min, left, false)).toBeNull()
          else expect(payoutRefusal(Math.max(min, withdrawable), withdrawable, min, left, false)).not.toBeNull()
        },
      ),
    )
  })
})

// The moves the issue describes, written out apart from the domain's table.
const allowed: [PayoutStatus, PayoutEvent, PayoutStatus][] = [
  ['requested', 'approve', 'sending'],
  ['requested', 'refuse', 'refused'],
  ['sending', 'await_confirmation', 'wait_user_confirm'],
  ['sending', 'transfer', 'transferring'],
  ['sending', 'succeed', 'succeeded'],
  ['sending', 'fail', 'failed'],
  ['sending', 'cancel', 'cancelled'],
  ['wait_user_confirm', 'transfer', 'transferring'],
  ['wait_user_confirm', 'succeed', 'succeeded'],
  ['wait_user_confirm', 'fail', 'failed'],
  ['wait_user_confirm', 'cancel', 'cancelled'],
  ['transferring', 'await_confirmation', 'wait_user_confirm'],
  ['transferring', 'succeed', 'succeeded'],
  ['transferring', 'fail', 'failed'],
  ['transferring', 'cancel', 'cancelled'],
]

describe("a payout's life", () => {
  const statuses = Object.values(PayoutStatus)
  const events = Object.values(PayoutEvent)

  it('every move the issue allows, and nothing else', () => {
    for (const from of statuses) {
      for (const event of events) {
        const expected = allowed.find(([f, e]) => f === from && e === event)?.[2]
        expect(payoutMove(from, event)).toBe(expected)
        if (expected) expect(nextPayoutStatus(from, event)).toBe(expected)
        else expect(() => nextPayoutStatus(from, event)).toThrow(IllegalPayoutMove)
      }
    }
  })

  it('refused, paid, failed and cancelled are final', () => {
    for (const s of FINAL_PAYOUT_STATUSES) for (const e of events) expect(payoutMove(s, e)).toBeUndefined()
    expect(statuses.filter(isFinalPayout).sort()).toEqual(['cancelled', 'failed', 'refused', 'succeeded'])
  })

  it('unknown statuses and events are no move', () => {
    expect(payoutMove('toString', 'approve')).toBeUndefined()
    expect(payoutMove('requested', 'constructor')).toBeUndefined()
  })

  it("WeChat's transfer states map onto our events", () => {
    expect(transferStateEvent('WAIT_USER_CONFIRM')).toBe('await_confirmation')
    expect(transferStateEvent('ACCEPTED')).toBe('transfer')
    expect(transferStateEvent('TRANSFERING')).toBe('transfer')
    expect(transferStateEvent('SUCCESS')).toBe('succeed')
    expect(transferStateEvent('FAIL')).toBe('fail')
    expect(transferStateEvent('CANCELLED')).toBe('cancel')
    expect(transferStateEvent('SOMETHING_NEW')).toBeNull()
  })

  it('property: whatever the provider answers, in any order and repeated, the money leaves once or comes back once, never both', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...events), { maxLength: 30 }), (sequence) => {
        let status: PayoutStatus = PayoutStatus.requested
        let sent = 0
        let returned = 0
        // the owner asked for 100: it left her balance into the payouts account
        let balance = 0
        let inFlight = 100
        for (const event of sequence) {
          const to = payoutMove(status, event)
          if (!to) continue
          status = to
          const effect = payoutLedgerEffect(to)
          if (effect === 'sent') {
            sent += 1
            inFlight -= 100
          }
          if (effect === 'returned') {
            returned += 1
            inFlight -= 100
            balance += 100
          }
        }
        expect(sent + returned).toBeLessThanOrEqual(1)
        expect(inFlight).toBeGreaterThanOrEqual(0)
        expect(balance + inFlight + sent * 100).toBe(100)
        if (isFinalPayout(status)) expect(sent + returned).toBe(1)
        else expect(inFlight).toBe(100)
      }),
    )
  })
})

import fc from 'fast-check'
import { AfterSalesStatus, OrderStatus } from '../../types/api'
import {
  AFTER_SALES_MAX_PHOTOS,
  AfterSalesEvent,
  AfterSalesRefusal,
  DEFAULT_AFTER_SALES_WINDOW_HOURS,
  IllegalAfterSalesMove,
  afterSalesMove,
  afterSalesTransitions,
  afterSalesWindowEndsAt,
  approvalOutcome,
  escalationRefusal,
  fullRefundFen,
  isOpenAfterSales,
  isWithinAfterSalesWindow,
  nextAfterSalesStatus,
  orderFinalValueFen,
  refundableFen,
  requestRefusal,
  settle,
  type AfterSalesOrder,
} from '@/domain'

const HOUR = 3_600_000
const pickedUpAt = '2026-12-01T10:00:00.000Z'
const hoursAfter = (h: number) => new Date(Date.parse(pickedUpAt) + h * HOUR).toISOString()

// three boxes of strawberries, joined at ¥12.80, settled at ¥9.90: ¥8.70 of difference came back
const strawberries: AfterSalesOrder & { status: OrderStatus; pickedUpAt: string } = {
  status: OrderStatus.pickedUp,
  pickedUpAt,
  quantity: 3,
  unitPriceFen: 1280,
  finalUnitPriceFen: 990,
  paidFen: 3840,
  refundFen: 870,
}

// The moves the issue allows, written out independently of the domain's table.
const legalMoves: [AfterSalesStatus, AfterSalesEvent, AfterSalesStatus][] = [
  ['requested', 'approve', 'approved'],
  ['requested', 'approve_part', 'partially_approved'],
  ['requested', 'refuse', 'refused'],
  ['refused', 'escalate', 'escalated'],
  ['escalated', 'decide', 'decided'],
]

describe('an after-sales request moves only as the table says', () => {
  it.each(legalMoves)('%s --%s--> %s', (from, event, to) => {
    expect(nextAfterSalesStatus(from, event)).toBe(to)
  })

  it('refuses every other move, and says which', () => {
    for (const from of Object.values(AfterSalesStatus)) {
      for (const event of Object.values(AfterSalesEvent)) {
        if (legalMoves.some(([f, e]) => f === from && e === event)) continue
        expect(() => nextAfterSalesStatus(from, event)).toThrow(IllegalAfterSalesMove)
      }
    }
    expect(() => nextAfterSalesStatus('approved', 'refuse')).toThrow('an after-sales request that is approved cannot refuse')
  })

  it('never reaches Object.prototype through a status or event read from a request', () => {
    expect(afterSalesMove('constructor', 'approve')).toBeUndefined()
    expect(afterSalesMove('requested', '__proto__')).toBeUndefined()
    expect(afterSalesMove('requested', 'toString')).toBeUndefined()
  })

  it('has a row for every status, and final statuses have no moves', () => {
    expect(Object.keys(afterSalesTransitions).sort()).toEqual(Object.values(AfterSalesStatus).sort())
    for (const final of ['approved', 'partially_approved', 'decided'] as const) expect(afterSalesTransitions[final]).toEqual({})
  })

  it('counts a request as open while someone still has to answer it', () => {
    expect(Object.values(AfterSalesStatus).filter(isOpenAfterSales).sort()).toEqual(['escalated', 'requested'])
  })
})

describe('the window after pickup', () => {
  it('is 48 hours by default and ends exactly then', () => {
    expect(DEFAULT_AFTER_SALES_WINDOW_HOURS).toBe(48)
    expect(afterSalesWindowEndsAt(pickedUpAt).toISOString()).toBe(hoursAfter(48))
    expect(isWithinAfterSalesWindow(pickedUpAt, 48, pickedUpAt)).toBe(true)
    expect(isWithinAfterSalesWindow(pickedUpAt, 48, hoursAfter(47.99))).toBe(true)
    expect(isWithinAfterSalesWindow(pickedUpAt, 48, hoursAfter(48))).toBe(false)
  })

  it('can be configured, and is closed before pickup or without one', () => {
    expect(isWithinAfterSalesWindow(pickedUpAt, 24, hoursAfter(30))).toBe(false)
    expect(isWithinAfterSalesWindow(pickedUpAt, 72, hoursAfter(30))).toBe(true)
    expect(isWithinAfterSalesWindow(pickedUpAt, 48, hoursAfter(-1))).toBe(false)
    expect(isWithinAfterSalesWindow(null, 48, pickedUpAt)).toBe(false)
  })
})

describe('the refund ceiling', () => {
  it('is what was paid less every refund, never below zero', () => {
    expect(refundableFen(3840, 870)).toBe(2970)
    expect(refundableFen(3840, 3840)).toBe(0)
    expect(refundableFen(3840, 5000)).toBe(0)
    expect(() => refundableFen(12.5, 0)).toThrow(RangeError)
  })

  it("gives a full approval the affected units' share of the final value", () => {
    expect(orderFinalValueFen(strawberries)).toBe(2970)
    expect(fullRefundFen(strawberries, 1)).toBe(990)
    expect(fullRefundFen(strawberries, 3)).toBe(2970)
  })

  it('rounds a share down to whole fen and uses the price paid before settlement', () => {
    expect(fullRefundFen({ quantity: 3, unitPriceFen: 1000, finalUnitPriceFen: null, paidFen: 3000, refundFen: 0 }, 1)).toBe(1000)
    // a final value that does not divide by the units (a price difference paid at settlement)
    expect(fullRefundFen({ quantity: 3, unitPriceFen: 1000, finalUnitPriceFen: 1000, paidFen: 3000, refundFen: 1 }, 1)).toBe(1000)
  })

  it('caps a full approval by what is left', () => {
    expect(fullRefundFen({ ...strawberries, refundFen: 3000 }, 3)).toBe(840)
    expect(fullRefundFen({ ...strawberries, refundFen: 3840 }, 3)).toBe(0)
    expect(fullRefundFen(strawberries, 0)).toBe(0)
    expect(fullRefundFen(strawberries, 7)).toBe(2970)
  })
})

describe('asking for a refund', () => {
  const ask = (quantity: number, nowHours = 2, earlier: { status: AfterSalesStatus; escalated: boolean }[] = [], order = strawberries) =>
    requestRefusal(order, earlier, quantity, 48, hoursAfter(nowHours))

  it('is possible for a picked-up order within the window, for 1 to what was bought', () => {
    expect(ask(1)).toBeNull()
    expect(ask(3)).toBeNull()
  })

  it('is refused before pickup', () => {
    expect(ask(1, 2, [], { ...strawberries, status: OrderStatus.ready, pickedUpAt: null as unknown as string })).toBe(AfterSalesRefusal.notPickedUp)
  })

  it('is refused after the window', () => {
    expect(ask(1, 49)).toBe(AfterSalesRefusal.windowClosed)
  })

  it('is refused for no units, more than bought, or a fraction', () => {
    expect(ask(0)).toBe(AfterSalesRefusal.badQuantity)
    expect(ask(4)).toBe(AfterSalesRefusal.badQuantity)
    expect(ask(1.5)).toBe(AfterSalesRefusal.badQuantity)
  })

  it('is refused while another request is open, and after an escalation (final)', () => {
    expect(ask(1, 2, [{ status: 'requested', escalated: false }])).toBe(AfterSalesRefusal.alreadyOpen)
    expect(ask(1, 2, [{ status: 'escalated', escalated: true }])).toBe(AfterSalesRefusal.alreadyOpen)
    expect(ask(1, 2, [{ status: 'decided', escalated: true }])).toBe(AfterSalesRefusal.final)
    // a refusal not taken further, or an answered request, leaves room for another
    expect(
      ask(1, 2, [
        { status: 'refused', escalated: false },
        { status: 'partially_approved', escalated: false },
      ]),
    ).toBeNull()
  })

  it('is refused when nothing is left to refund', () => {
    expect(ask(1, 2, [], { ...strawberries, refundFen: 3840 })).toBe(AfterSalesRefusal.nothingLeft)
  })
})

describe('escalating a refusal', () => {
  const refusedAt = hoursAfter(3)
  it('is possible once, within the window after the refusal', () => {
    expect(escalationRefusal({ status: 'refused', answeredAt: refusedAt }, [{ status: 'refused', escalated: false }], 48, hoursAfter(10))).toBeNull()
    expect(escalationRefusal({ status: 'refused', answeredAt: refusedAt }, [{ status: 'refused', escalated: false }], 48, hoursAfter(52))).toBe(
      AfterSalesRefusal.escalationClosed,
    )
  })
  it('is refused for anything but a refusal, and a second time', () => {
    expect(escalationRefusal({ status: 'requested', answeredAt: null }, [], 48, hoursAfter(4))).toBe(AfterSalesRefusal.notEscalatable)
    expect(escalationRefusal({ status: 'approved', answeredAt: refusedAt }, [], 48, hoursAfter(4))).toBe(AfterSalesRefusal.notEscalatable)
    expect(escalationRefusal({ status: 'refused', answeredAt: refusedAt }, [{ status: 'decided', escalated: true }], 48, hoursAfter(4))).toBe(
      AfterSalesRefusal.alreadyEscalated,
    )
  })
})

describe('approving', () => {
  it('in full gives the share of the affected units', () => {
    expect(approvalOutcome('requested', 'approve', strawberries, 1, { kind: 'full' })).toEqual({ amountFen: 990 })
  })
  it('in part gives what the leader sets, at most what is left', () => {
    expect(approvalOutcome('requested', 'approve_part', strawberries, 1, { kind: 'part', amountFen: 500 })).toEqual({ amountFen: 500 })
    expect(approvalOutcome('requested', 'approve_part', strawberries, 1, { kind: 'part', amountFen: 2970 })).toEqual({ amountFen: 2970 })
    expect(approvalOutcome('requested', 'approve_part', strawberries, 1, { kind: 'part', amountFen: 2971 })).toEqual({
      refusal: AfterSalesRefusal.amountTooHigh,
    })
    expect(approvalOutcome('requested', 'approve_part', strawberries, 1, { kind: 'part', amountFen: 0 })).toEqual({
      refusal: AfterSalesRefusal.badAmount,
    })
    expect(approvalOutcome('requested', 'approve_part', strawberries, 1, { kind: 'part', amountFen: 1.5 })).toEqual({
      refusal: AfterSalesRefusal.badAmount,
    })
  })
  it('is refused once answered, and by the operator before an escalation', () => {
    expect(approvalOutcome('approved', 'approve', strawberries, 1, { kind: 'full' })).toEqual({ refusal: AfterSalesRefusal.notOpen })
    expect(approvalOutcome('requested', 'decide', strawberries, 1, { kind: 'full' })).toEqual({ refusal: AfterSalesRefusal.notOpen })
    expect(approvalOutcome('escalated', 'decide', strawberries, 1, { kind: 'full' })).toEqual({ amountFen: 990 })
  })
  it('is refused when nothing is left', () => {
    expect(approvalOutcome('requested', 'approve', { ...strawberries, refundFen: 3840 }, 1, { kind: 'full' })).toEqual({
      refusal: AfterSalesRefusal.nothingLeft,
    })
  })
  it('allows six photos', () => expect(AFTER_SALES_MAX_PHOTOS).toBe(6))
})

/**
 * Property: whatever the mix — the price-guarantee difference at settlement, a cancellation, a
 * no-show refund, leaders' approvals in full or in part, operators' decisions — what comes back on
 * an order never exceeds what was paid for it, and every step that is allowed refunds something.
 */
describe('refund totals never exceed what was paid', () => {
  type Step =
    | { kind: 'settle'; finalUnitPriceFen: number }
    | { kind: 'cancel' }
    | { kind: 'noShow' }
    | { kind: 'approveFull'; units: number }
    | { kind: 'approvePart'; units: number; amountFen: number }
    | { kind: 'decide'; units: number; amountFen: number | null }

  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('settle' as const), finalUnitPriceFen: fc.integer({ min: 1, max: 5000 }) }),
    fc.record({ kind: fc.constant('cancel' as const) }),
    fc.record({ kind: fc.constant('noShow' as const) }),
    fc.record({ kind: fc.constant('approveFull' as const), units: fc.integer({ min: -1, max: 12 }) }),
    fc.record({ kind: fc.constant('approvePart' as const), units: fc.integer({ min: 1, max: 12 }), amountFen: fc.integer({ min: -10, max: 60000 }) }),
    fc.record({
      kind: fc.constant('decide' as const),
      units: fc.integer({ min: 1, max: 12 }),
      amountFen: fc.option(fc.integer({ min: -10, max: 60000 }), { nil: null }),
    }),
  )

  it('over random sequences of refunds of every kind', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.array(step, { maxLength: 25 }),
        (quantity, unitPriceFen, steps) => {
          const paidFen = unitPriceFen * quantity
          const order: AfterSalesOrder = { quantity, unitPriceFen, finalUnitPriceFen: null, paidFen, refundFen: 0 }
          let settled = false
          let closed = false
          const refunds: number[] = []
          const give = (fen: number) => {
            expect(fen).toBeGreaterThan(0)
            refunds.push(fen)
            order.refundFen += fen
          }
          for (const s of steps) {
            if (s.kind === 'settle' && !settled && !closed) {
              // the price guarantee, by the domain's own settlement: min(price paid, final tier)
              const out = settle({ tiers: [{ threshold: 1, unitPriceFen: s.finalUnitPriceFen }], tierBasis: 'units', minToSucceed: 1 }, [
                { id: 'o', userId: 'u', quantity, unitPriceFen },
              ])
              const mine = out.orders[0]
              settled = true
              order.finalUnitPriceFen = mine.finalUnitPriceFen
              if (mine.refundFen > 0) give(mine.refundFen)
            } else if (s.kind === 'cancel' && !settled && !closed) {
              closed = true
              give(refundableFen(order.paidFen, order.refundFen))
            } else if (s.kind === 'noShow' && settled && !closed) {
              closed = true
              const left = refundableFen(order.paidFen, order.refundFen)
              if (left > 0) give(left)
            } else if (settled && !closed && s.kind !== 'settle' && s.kind !== 'cancel' && s.kind !== 'noShow') {
              const approval =
                s.kind === 'approveFull'
                  ? ({ kind: 'full' } as const)
                  : s.kind === 'approvePart' || s.amountFen !== null
                    ? ({ kind: 'part', amountFen: (s as { amountFen: number }).amountFen } as const)
                    : ({ kind: 'full' } as const)
              const from = s.kind === 'decide' ? 'escalated' : 'requested'
              const event = s.kind === 'approveFull' ? 'approve' : s.kind === 'approvePart' ? 'approve_part' : 'decide'
              const out = approvalOutcome(from, event, order, s.units, approval)
              if ('amountFen' in out) give(out.amountFen)
            }
            expect(order.refundFen).toBeLessThanOrEqual(paidFen)
            expect(refundableFen(order.paidFen, order.refundFen)).toBe(paidFen - order.refundFen)
          }
          expect(refunds.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(paidFen)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('a full approval of every unit after the difference gives back exactly the final value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 2, max: 5000 }),
        fc.integer({ min: 1, max: 5000 }),
        (quantity, paidUnit, finalUnit) => {
          const final = Math.min(paidUnit, finalUnit)
          const order = {
            quantity,
            unitPriceFen: paidUnit,
            finalUnitPriceFen: final,
            paidFen: paidUnit * quantity,
            refundFen: (paidUnit - final) * quantity,
          }
          expect(fullRefundFen(order, quantity)).toBe(final * quantity)
          expect(order.refundFen + fullRefundFen(order, quantity)).toBe(order.paidFen)
        },
      ),
    )
  })
})

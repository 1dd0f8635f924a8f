import { DealStatus, OrderStatus } from '../../types/api'
import {
  ACTIVE_ORDER_STATUSES,
  DealEvent,
  IllegalTransitionError,
  OrderEvent,
  PAID_ORDER_STATUSES,
  CancelRefusal,
  canOrder,
  cancelRefusal,
  isFinalOrderStatus,
  isHoldExpired,
  dealTransitions,
  nextDealStatus,
  nextOrderStatus,
  orderTransitions,
} from '@/domain'

// The moves DESIGN.md allows, written out independently of the domain's table.
const legalDealMoves: [DealStatus, DealEvent, DealStatus][] = [
  ['draft', 'publish', 'open'],
  ['draft', 'cancel', 'cancelled'],
  ['open', 'succeed', 'succeeded'],
  ['open', 'fail', 'failed'],
  ['open', 'cancel', 'cancelled'],
  ['succeeded', 'complete', 'completed'],
]

const legalOrderMoves: [OrderStatus, OrderEvent, OrderStatus][] = [
  ['pending_payment', 'pay', 'paid'],
  ['pending_payment', 'expire', 'expired'],
  ['pending_payment', 'cancel', 'cancelled'],
  ['paid', 'confirm', 'confirmed'],
  ['paid', 'refund', 'refunded'],
  ['paid', 'cancel', 'cancelled'],
  ['confirmed', 'arrive', 'ready'],
  ['confirmed', 'pick_up', 'picked_up'],
  ['ready', 'pick_up', 'picked_up'],
  // no-shows: after the grace period; then handed out late, or refunded by the leader
  ['confirmed', 'unclaim', 'unclaimed'],
  ['ready', 'unclaim', 'unclaimed'],
  ['unclaimed', 'pick_up', 'picked_up'],
  ['unclaimed', 'refund', 'refunded'],
  // a supplier deal's point received none of the order's units
  ['confirmed', 'short_refund', 'refunded'],
]

const dealStatuses = Object.values(DealStatus)
const dealEvents = Object.values(DealEvent)
const orderStatuses = Object.values(OrderStatus)
const orderEvents = Object.values(OrderEvent)

const pairs = <S, E>(ss: S[], es: E[]) => ss.flatMap((s) => es.map((e) => [s, e] as [S, E]))

describe('a deal moves only along the table', () => {
  it.each(legalDealMoves)('a %s deal can %s and becomes %s', (from, event, to) => {
    expect(nextDealStatus(from, event)).toBe(to)
  })

  const illegal = pairs(dealStatuses, dealEvents).filter(([s, e]) => !legalDealMoves.some(([ls, le]) => ls === s && le === e))
  it.each(illegal)('a %s deal cannot %s', (from, event) => {
    expect(() => nextDealStatus(from, event)).toThrow(IllegalTransitionError)
  })

  it('checks every (status, event) pair: 6 legal of 30', () => {
    expect(dealStatuses.length * dealEvents.length).toBe(30)
    expect(illegal.length + legalDealMoves.length).toBe(30)
  })

  it('the exported table says exactly the same', () => {
    const fromTable = Object.entries(dealTransitions).flatMap(([s, moves]) => Object.entries(moves).map(([e, to]) => [s, e, to]))
    expect(fromTable).toEqual(expect.arrayContaining(legalDealMoves))
    expect(fromTable).toHaveLength(legalDealMoves.length)
    expect(Object.keys(dealTransitions).sort()).toEqual([...dealStatuses].sort())
  })

  it('a failed deal cannot be published, and the error says so', () => {
    let caught: unknown
    try {
      nextDealStatus('failed', 'publish')
    } catch (e) {
      caught = e
    }
    expect(caught).toBeInstanceOf(IllegalTransitionError)
    expect(caught).toBeInstanceOf(Error)
    expect(caught).toMatchObject({
      name: 'IllegalTransitionError',
      entity: 'deal',
      from: 'failed',
      event: 'publish',
      message: 'a deal that is failed cannot publish',
    })
  })

  it('a deal settled at cutoff cannot be cancelled or settled again', () => {
    for (const done of ['succeeded', 'failed', 'cancelled', 'completed'] as const) {
      expect(() => nextDealStatus(done, 'cancel')).toThrow(IllegalTransitionError)
      expect(() => nextDealStatus(done, 'succeed')).toThrow(IllegalTransitionError)
      expect(() => nextDealStatus(done, 'fail')).toThrow(IllegalTransitionError)
    }
  })

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'bogus'])(
    'an unknown event %p is illegal, even one named like an object property',
    (event) => {
      expect(() => nextDealStatus('draft', event as DealEvent)).toThrow(IllegalTransitionError)
      expect(() => nextDealStatus('open', event as DealEvent)).toThrow(IllegalTransitionError)
    },
  )

  it.each(['constructor', 'toString', '__proto__', 'archived'])('an unknown status %p is illegal', (status) => {
    for (const event of [...dealEvents, 'constructor']) {
      expect(() => nextDealStatus(status as DealStatus, event as DealEvent)).toThrow(IllegalTransitionError)
    }
  })
})

describe('an order moves only along the table', () => {
  it.each(legalOrderMoves)('a %s order can %s and becomes %s', (from, event, to) => {
    expect(nextOrderStatus(from, event)).toBe(to)
    expect(canOrder(from, event)).toBe(true)
  })

  const illegal = pairs(orderStatuses, orderEvents).filter(([s, e]) => !legalOrderMoves.some(([ls, le]) => ls === s && le === e))
  it.each(illegal)('a %s order cannot %s', (from, event) => {
    expect(() => nextOrderStatus(from, event)).toThrow(IllegalTransitionError)
    expect(canOrder(from, event)).toBe(false)
  })

  it('checks every (status, event) pair: 14 legal of 81', () => {
    expect(illegal.length + legalOrderMoves.length).toBe(orderStatuses.length * orderEvents.length)
    expect(orderStatuses.length * orderEvents.length).toBe(81)
  })

  it('the exported table says exactly the same', () => {
    const fromTable = Object.entries(orderTransitions).flatMap(([s, moves]) => Object.entries(moves).map(([e, to]) => [s, e, to]))
    expect(fromTable).toEqual(expect.arrayContaining(legalOrderMoves))
    expect(fromTable).toHaveLength(legalOrderMoves.length)
    expect(Object.keys(orderTransitions).sort()).toEqual([...orderStatuses].sort())
  })

  it('the stories DESIGN.md tells', () => {
    // a picked-up order cannot be cancelled
    expect(() => nextOrderStatus('picked_up', 'cancel')).toThrow(IllegalTransitionError)
    // an expired order cannot be paid
    expect(() => nextOrderStatus('expired', 'pay')).toThrow(IllegalTransitionError)
    // an unpaid order cannot be refunded or handed out
    expect(() => nextOrderStatus('pending_payment', 'refund')).toThrow(IllegalTransitionError)
    expect(() => nextOrderStatus('pending_payment', 'pick_up')).toThrow(IllegalTransitionError)
    // once the deal succeeded, a shopper can no longer cancel
    expect(() => nextOrderStatus('confirmed', 'cancel')).toThrow(IllegalTransitionError)
    // a code is used once
    expect(() => nextOrderStatus('picked_up', 'pick_up')).toThrow(IllegalTransitionError)
    // paying twice is not a move
    expect(() => nextOrderStatus('paid', 'pay')).toThrow(IllegalTransitionError)
  })

  it('the happy path: pay, confirm, arrive, pick up', () => {
    let s: OrderStatus = 'pending_payment'
    for (const e of ['pay', 'confirm', 'arrive', 'pick_up'] as const) s = nextOrderStatus(s, e)
    expect(s).toBe('picked_up')
  })

  it('every end state is final', () => {
    for (const end of ['picked_up', 'cancelled', 'refunded', 'expired'] as const) {
      for (const e of orderEvents) expect(canOrder(end, e)).toBe(false)
    }
    for (const end of ['failed', 'cancelled', 'completed'] as const) {
      for (const e of dealEvents) expect(() => nextDealStatus(end, e)).toThrow(IllegalTransitionError)
    }
  })

  it.each(['constructor', 'toString', 'valueOf', '__proto__'])('an event named %p is not a move', (event) => {
    for (const s of orderStatuses) {
      expect(() => nextOrderStatus(s, event as OrderEvent)).toThrow(IllegalTransitionError)
      expect(canOrder(s, event as OrderEvent)).toBe(false)
    }
    expect(() => nextOrderStatus(event as OrderStatus, 'pay')).toThrow(IllegalTransitionError)
  })
})

describe('which orders count', () => {
  it('active orders hold stock: unpaid (until the hold ends), paid and beyond; never cancelled, refunded or expired', () => {
    expect([...ACTIVE_ORDER_STATUSES].sort()).toEqual(['confirmed', 'paid', 'pending_payment', 'picked_up', 'ready', 'unclaimed'])
  })

  it('paid orders are the active ones minus the unpaid', () => {
    expect([...PAID_ORDER_STATUSES].sort()).toEqual(['confirmed', 'paid', 'picked_up', 'ready', 'unclaimed'])
    expect(ACTIVE_ORDER_STATUSES.filter((s) => s !== 'pending_payment').sort()).toEqual([...PAID_ORDER_STATUSES].sort())
  })

  it('no move leads out of the paid set except to a refunded or cancelled end', () => {
    for (const [from, , to] of legalOrderMoves) {
      if (PAID_ORDER_STATUSES.includes(from) && !PAID_ORDER_STATUSES.includes(to)) {
        expect(['refunded', 'cancelled']).toContain(to)
      }
    }
  })
})

describe('can this order be cancelled?', () => {
  const cutoffAt = '2026-11-27T12:00:00.000Z'
  const open = { status: DealStatus.open, cutoffAt }
  const before = '2026-11-27T11:59:59.999Z'

  it('an unpaid or paid order of an open deal before its cutoff: yes', () => {
    expect(cancelRefusal(OrderStatus.pendingPayment, open, before)).toBeNull()
    expect(cancelRefusal(OrderStatus.paid, open, before)).toBeNull()
  })

  it.each([OrderStatus.confirmed, OrderStatus.ready, OrderStatus.pickedUp, OrderStatus.cancelled, OrderStatus.refunded, OrderStatus.expired])(
    'a %s order: no',
    (status) => expect(cancelRefusal(status, open, before)).toBe(CancelRefusal.notCancellable),
  )

  it('at the cutoff, or once the deal is no longer open, the deal is closed', () => {
    expect(cancelRefusal(OrderStatus.paid, open, cutoffAt)).toBe(CancelRefusal.dealClosed)
    for (const status of [DealStatus.succeeded, DealStatus.failed, DealStatus.cancelled, DealStatus.completed]) {
      expect(cancelRefusal(OrderStatus.paid, { status, cutoffAt }, before)).toBe(CancelRefusal.dealClosed)
    }
  })

  it('agrees with the order table: only orders with a cancel move can be cancelled', () => {
    for (const status of Object.values(OrderStatus)) {
      expect(cancelRefusal(status, open, before) === null).toBe(canOrder(status, OrderEvent.cancel))
    }
  })
})

describe('is this hold expired?', () => {
  const hold = '2026-11-27T12:15:00.000Z'
  it('from the exact instant it runs out, not a millisecond before', () => {
    expect(isHoldExpired(hold, '2026-11-27T12:14:59.999Z')).toBe(false)
    expect(isHoldExpired(hold, hold)).toBe(true)
    expect(isHoldExpired(hold, Date.parse(hold) + 1)).toBe(true)
  })
  it('an order without a hold never expires', () => {
    expect(isHoldExpired(null, hold)).toBe(false)
    expect(isHoldExpired(undefined, hold)).toBe(false)
  })
})

describe('is this order finished?', () => {
  it('picked up, cancelled, refunded and expired are; an order still on its way (or unclaimed, which can still be collected) is not', () => {
    const finished = Object.values(OrderStatus).filter(isFinalOrderStatus)
    expect(finished.sort()).toEqual(['cancelled', 'expired', 'picked_up', 'refunded'])
  })
  it.each(['constructor', '__proto__', 'archived'])('an unknown status %p is not', (status) => {
    expect(isFinalOrderStatus(status as OrderStatus)).toBe(false)
  })
})

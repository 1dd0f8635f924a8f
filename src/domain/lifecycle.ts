import { DealStatus, OrderStatus } from '../../types/api'
import { isPastCutoff, type Instant } from './time'

export class IllegalTransitionError extends Error {
  constructor(
    readonly entity: 'deal' | 'order',
    readonly from: string,
    readonly event: string,
  ) {
    super(`a ${entity} that is ${from} cannot ${event}`)
    this.name = 'IllegalTransitionError'
  }
}

export const DealEvent = {
  publish: 'publish',
  succeed: 'succeed',
  fail: 'fail',
  cancel: 'cancel',
  complete: 'complete',
} as const
export type DealEvent = (typeof DealEvent)[keyof typeof DealEvent]

/** Every legal move of a deal; anything not listed is illegal. */
export const dealTransitions: Record<DealStatus, Partial<Record<DealEvent, DealStatus>>> = {
  draft: { publish: 'open', cancel: 'cancelled' },
  open: { succeed: 'succeeded', fail: 'failed', cancel: 'cancelled' },
  succeeded: { complete: 'completed' },
  failed: {},
  cancelled: {},
  completed: {},
}

export const OrderEvent = {
  pay: 'pay',
  expire: 'expire',
  cancel: 'cancel',
  confirm: 'confirm',
  refund: 'refund',
  arrive: 'arrive',
  pickUp: 'pick_up',
  /** the pickup window and its grace period ended with the goods still at the point */
  unclaim: 'unclaim',
  /** none of the order's units reached its point (a shortage on receipt): refunded in full, nothing to hand out */
  shortRefund: 'short_refund',
} as const
export type OrderEvent = (typeof OrderEvent)[keyof typeof OrderEvent]

export const orderTransitions: Record<OrderStatus, Partial<Record<OrderEvent, OrderStatus>>> = {
  pending_payment: { pay: 'paid', expire: 'expired', cancel: 'cancelled' },
  paid: { confirm: 'confirmed', refund: 'refunded', cancel: 'cancelled' },
  // a leader holding the goods may hand them out before marking the point arrived
  confirmed: { arrive: 'ready', pick_up: 'picked_up', unclaim: 'unclaimed', short_refund: 'refunded' },
  ready: { pick_up: 'picked_up', unclaim: 'unclaimed' },
  // the leader may still hand it out late (with a note) or refund it in full
  unclaimed: { pick_up: 'picked_up', refund: 'refunded' },
  picked_up: {},
  cancelled: {},
  refunded: {},
  expired: {},
}

const own = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key)

/**
 * Look a move up in a table by own keys only, so a status or event read from the database or a
 * request ("constructor", "__proto__", ...) can never reach Object.prototype.
 */
function lookUp<S extends string, E extends string>(table: Record<S, Partial<Record<E, S>>>, from: string, event: string): S | undefined {
  if (!own(table, from)) return undefined
  const moves = table[from as S]
  return own(moves, event) ? moves[event as E] : undefined
}

export function nextDealStatus(from: DealStatus, event: DealEvent): DealStatus {
  const to = lookUp(dealTransitions, from, event)
  if (!to) throw new IllegalTransitionError('deal', from, event)
  return to
}

export function nextOrderStatus(from: OrderStatus, event: OrderEvent): OrderStatus {
  const to = lookUp(orderTransitions, from, event)
  if (!to) throw new IllegalTransitionError('order', from, event)
  return to
}

export function canOrder(from: OrderStatus, event: OrderEvent): boolean {
  return lookUp(orderTransitions, from, event) !== undefined
}

/** an order whose life is over, no event moves it on (picked up, cancelled, refunded, expired). */
export function isFinalOrderStatus(status: OrderStatus): boolean {
  return own(orderTransitions, status) && Object.keys(orderTransitions[status]).length === 0
}

/** Orders that hold stock and a place in the deal (an unpaid one only until its hold expires). */
export const ACTIVE_ORDER_STATUSES: readonly OrderStatus[] = [
  OrderStatus.pendingPayment,
  OrderStatus.paid,
  OrderStatus.confirmed,
  OrderStatus.ready,
  OrderStatus.pickedUp,
  OrderStatus.unclaimed,
]

/** Orders that have been paid for and not given back. */
export const PAID_ORDER_STATUSES: readonly OrderStatus[] = [
  OrderStatus.paid,
  OrderStatus.confirmed,
  OrderStatus.ready,
  OrderStatus.pickedUp,
  OrderStatus.unclaimed,
]

/** An unpaid order's hold has run out (its units go back to the deal). No hold: never expires. */
export function isHoldExpired(holdExpiresAt: Instant | null | undefined, now: Instant): boolean {
  return holdExpiresAt != null && isPastCutoff(holdExpiresAt, now)
}

export const CancelRefusal = {
  dealClosed: 'DEAL_CLOSED',
  notCancellable: 'ORDER_NOT_CANCELLABLE',
} as const
export type CancelRefusal = (typeof CancelRefusal)[keyof typeof CancelRefusal]

/**
 * Why a shopper cannot cancel her order, or null: only while the deal is open and before its cutoff,
 * and only an order not yet confirmed (unpaid, or paid and refunded in full).
 */
export function cancelRefusal(orderStatus: OrderStatus, deal: { status: DealStatus; cutoffAt: Instant }, now: Instant): CancelRefusal | null {
  if (deal.status !== DealStatus.open || isPastCutoff(deal.cutoffAt, now)) return CancelRefusal.dealClosed
  if (!canOrder(orderStatus, OrderEvent.cancel)) return CancelRefusal.notCancellable
  return null
}

import { AfterSalesStatus, OrderStatus } from '../../types/api'
import { assertFen } from './money'
import { readInstant, type Instant } from './time'

/**
 * After-sales (refund only, for produce): who may ask, until when, and how much may come back.
 * Pure: every instant comes in as an argument; refusals are codes, amounts are fen.
 */

const HOUR_MS = 3_600_000

/** How long after pickup a shopper may ask, unless configured otherwise. */
export const DEFAULT_AFTER_SALES_WINDOW_HOURS = 48

/** At most this many photos on one request. */
export const AFTER_SALES_MAX_PHOTOS = 6

export const AfterSalesEvent = {
  approve: 'approve',
  approvePart: 'approve_part',
  refuse: 'refuse',
  escalate: 'escalate',
  decide: 'decide',
} as const
export type AfterSalesEvent = (typeof AfterSalesEvent)[keyof typeof AfterSalesEvent]

/** Every legal move of a request; anything not listed is illegal. */
export const afterSalesTransitions: Record<AfterSalesStatus, Partial<Record<AfterSalesEvent, AfterSalesStatus>>> = {
  requested: { approve: 'approved', approve_part: 'partially_approved', refuse: 'refused' },
  refused: { escalate: 'escalated' },
  escalated: { decide: 'decided' },
  approved: {},
  partially_approved: {},
  decided: {},
}

export class IllegalAfterSalesMove extends Error {
  constructor(
    readonly from: string,
    readonly event: string,
  ) {
    super(`an after-sales request that is ${from} cannot ${event}`)
    this.name = 'IllegalAfterSalesMove'
  }
}

const own = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key)

/** The status a move leads to, or undefined (own keys only: text from a request never reaches Object.prototype). */
export function afterSalesMove(from: string, event: string): AfterSalesStatus | undefined {
  if (!own(afterSalesTransitions, from)) return undefined
  const moves = afterSalesTransitions[from as AfterSalesStatus]
  return own(moves, event) ? moves[event as AfterSalesEvent] : undefined
}

export function nextAfterSalesStatus(from: AfterSalesStatus, event: AfterSalesEvent): AfterSalesStatus {
  const to = afterSalesMove(from, event)
  if (!to) throw new IllegalAfterSalesMove(from, event)
  return to
}

/** Requests still waiting for someone: the leader (requested) or the operator (escalated). */
export const OPEN_AFTER_SALES_STATUSES: readonly AfterSalesStatus[] = [AfterSalesStatus.requested, AfterSalesStatus.escalated]

export function isOpenAfterSales(status: AfterSalesStatus): boolean {
  return OPEN_AFTER_SALES_STATUSES.includes(status)
}

function toMs(t: Instant): number {
  const value = readInstant(t)
  if (value === null) throw new RangeError(`not an instant: ${String(t)}`)
  return value
}

/** The last moment a shopper may ask: the pickup plus the window. */
export function afterSalesWindowEndsAt(pickedUpAt: Instant, windowHours: number = DEFAULT_AFTER_SALES_WINDOW_HOURS): Date {
  return new Date(toMs(pickedUpAt) + windowHours * HOUR_MS)
}

/** Asking is possible from pickup until the window's end (the end itself is too late). */
export function isWithinAfterSalesWindow(pickedUpAt: Instant | null | undefined, windowHours: number, now: Instant): boolean {
  if (pickedUpAt == null) return false
  const at = toMs(now)
  return at >= toMs(pickedUpAt) && at < afterSalesWindowEndsAt(pickedUpAt, windowHours).getTime()
}

/**
 * The refund ceiling: what may still go back on an order, whatever came back before (price
 * difference, cancellation, no-show, after-sales): paid less every refund, never below zero.
 */
export function refundableFen(paidFen: number, refundedFen: number): number {
  assertFen(paidFen)
  assertFen(refundedFen)
  return Math.max(0, paidFen - refundedFen)
}

export interface AfterSalesOrder {
  /** units bought */
  quantity: number
  /** the unit price paid at joining */
  unitPriceFen: number
  /** min(price paid, final tier price) once settled; null before */
  finalUnitPriceFen: number | null
  paidFen: number
  /** every refund on the order so far, of any kind */
  refundFen: number
}

/** What the order finally costs: the final unit price (or the price paid, before settlement) times the units. */
export function orderFinalValueFen(o: Pick<AfterSalesOrder, 'quantity' | 'unitPriceFen' | 'finalUnitPriceFen'>): number {
  return (o.finalUnitPriceFen ?? o.unitPriceFen) * o.quantity
}

/**
 * A full approval for `quantity` affected units: their share of the order's final value (rounded
 * down to whole fen), capped by what is left to refund.
 */
export function fullRefundFen(o: AfterSalesOrder, quantity: number): number {
  if (!Number.isInteger(quantity) || quantity <= 0 || o.quantity <= 0) return 0
  const units = Math.min(quantity, o.quantity)
  const share = Math.floor((orderFinalValueFen(o) * units) / o.quantity)
  return Math.min(share, refundableFen(o.paidFen, o.refundFen))
}

export const AfterSalesRefusal = {
  notPickedUp: 'AFTER_SALES_NOT_PICKED_UP',
  windowClosed: 'AFTER_SALES_WINDOW_CLOSED',
  badQuantity: 'AFTER_SALES_BAD_QUANTITY',
  alreadyOpen: 'AFTER_SALES_ALREADY_OPEN',
  nothingLeft: 'AFTER_SALES_NOTHING_LEFT',
  /** the operator already decided on this order: final */
  final: 'AFTER_SALES_FINAL',
  notEscalatable: 'AFTER_SALES_NOT_ESCALATABLE',
  alreadyEscalated: 'AFTER_SALES_ALREADY_ESCALATED',
  escalationClosed: 'AFTER_SALES_ESCALATION_CLOSED',
  /** the request is not waiting for this answer (answered already, or not escalated) */
  notOpen: 'AFTER_SALES_NOT_OPEN',
  badAmount: 'AFTER_SALES_BAD_AMOUNT',
  amountTooHigh: 'AFTER_SALES_AMOUNT_TOO_HIGH',
} as const
export type AfterSalesRefusal = (typeof AfterSalesRefusal)[keyof typeof AfterSalesRefusal]

/** The order's earlier requests, as far as a new one or an escalation cares. */
export interface EarlierRequest {
  status: AfterSalesStatus
  /** it was escalated once (whatever became of it) */
  escalated: boolean
}

/**
 * Why a shopper cannot ask for `quantity` units back now, or null. In order: the goods must have
 * been collected, within the window; the quantity between 1 and what was bought; no request still
 * open; no earlier escalation (the operator's decision is final); and something left to refund.
 */
export function requestRefusal(
  order: AfterSalesOrder & { status: OrderStatus; pickedUpAt: Instant | null },
  earlier: readonly EarlierRequest[],
  quantity: number,
  windowHours: number,
  now: Instant,
): AfterSalesRefusal | null {
  if (order.status !== OrderStatus.pickedUp || order.pickedUpAt == null) return AfterSalesRefusal.notPickedUp
  if (!isWithinAfterSalesWindow(order.pickedUpAt, windowHours, now)) return AfterSalesRefusal.windowClosed
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > order.quantity) return AfterSalesRefusal.badQuantity
  if (earlier.some((r) => isOpenAfterSales(r.status))) return AfterSalesRefusal.alreadyOpen
  if (earlier.some((r) => r.escalated)) return AfterSalesRefusal.final
  if (refundableFen(order.paidFen, order.refundFen) <= 0) return AfterSalesRefusal.nothingLeft
  return null
}

/**
 * Why a refused request cannot be escalated, or null: only a refusal, once per order, within the
 * window counted from the refusal.
 */
export function escalationRefusal(
  request: { status: AfterSalesStatus; answeredAt: Instant | null },
  earlier: readonly EarlierRequest[],
  windowHours: number,
  now: Instant,
): AfterSalesRefusal | null {
  if (earlier.some((r) => r.escalated)) return AfterSalesRefusal.alreadyEscalated
  if (!afterSalesMove(request.status, AfterSalesEvent.escalate)) return AfterSalesRefusal.notEscalatable
  if (!isWithinAfterSalesWindow(request.answeredAt, windowHours, now)) return AfterSalesRefusal.escalationClosed
  return null
}

/** How an approval is given: in full (the share of the affected units) or a part the approver sets. */
export type Approval = { kind: 'full' } | { kind: 'part'; amountFen: number }

/**
 * The refund an approval gives, or why it cannot: the request must be waiting for this `event`
 * (approve / approve_part by the leader, decide by the operator), something must be left, and a
 * set amount must be whole fen between 1 and what is left. A full approval is capped by what is left.
 */
export function approvalOutcome(
  status: AfterSalesStatus,
  event: AfterSalesEvent,
  order: AfterSalesOrder,
  quantity: number,
  approval: Approval,
): { amountFen: number } | { refusal: AfterSalesRefusal } {
  if (!afterSalesMove(status, event)) return { refusal: AfterSalesRefusal.notOpen }
  const left = refundableFen(order.paidFen, order.refundFen)
  if (left <= 0) return { refusal: AfterSalesRefusal.nothingLeft }
  if (approval.kind === 'full') {
    const amountFen = fullRefundFen(order, quantity)
    return amountFen > 0 ? { amountFen } : { refusal: AfterSalesRefusal.nothingLeft }
  }
  const amount = approval.amountFen
  if (!Number.isSafeInteger(amount) || amount < 1) return { refusal: AfterSalesRefusal.badAmount }
  if (amount > left) return { refusal: AfterSalesRefusal.amountTooHigh }
  return { amountFen: amount }
}

import type { TimelineEntry } from '../../../types/api'
import { CollectedBy, DealStatus, OrderStatus, RefundReason, TimelineKind } from '../../../types/contract/statuses'
import type { Database } from '../../db/database'
import * as payments from '../payments/payments.repository'
import * as repo from './order-timeline.repository'
import { afterSalesSteps } from '../after-sales/after-sales-timeline'
import { noShowSteps } from '../pickups/pickup-timeline'
import type { OrderWithDeal } from './orders.repository'

/**
 * An order's timeline (`timeline` on GET /orders/:id): every step with its time, oldest first, told
 * from the rows each feature already keeps. Each source reads its own rows (through its
 * repository) and returns its steps; a feature adds its steps by appending one source to
 * `timelineSources` below. A source returns [] for an order it has nothing about.
 */
export type TimelineSource = (db: Database, order: OrderWithDeal) => Promise<TimelineEntry[]>

const FINISHED_BEFORE_SETTLEMENT: readonly string[] = [OrderStatus.pendingPayment, OrderStatus.paid, OrderStatus.cancelled, OrderStatus.expired]
const SUCCEEDED: readonly string[] = [DealStatus.succeeded, DealStatus.completed]

/** Placed, paid, and how an unpaid or changed-mind order closed. */
const orderSteps: TimelineSource = async (_db, o) => {
  const steps: TimelineEntry[] = [{ kind: TimelineKind.placed, at: o.created_at, quantity: o.quantity, unitPriceFen: o.unit_price_fen }]
  if (o.paid_at) steps.push({ kind: TimelineKind.paid, at: o.paid_at, amountFen: o.paid_fen })
  if (o.status === OrderStatus.cancelled) steps.push({ kind: TimelineKind.cancelled, at: o.closed_at ?? o.updated_at })
  if (o.status === OrderStatus.expired) steps.push({ kind: TimelineKind.expired, at: o.closed_at ?? o.hold_expires_at ?? o.updated_at })
  return steps
}

/** Whether the order was in its deal when the deal succeeded (settled at a final price). */
async function settledDeal(db: Database, o: OrderWithDeal) {
  if (!o.paid_at || o.final_unit_price_fen === null || FINISHED_BEFORE_SETTLEMENT.includes(o.status)) return null
  const deal = await repo.dealSettlementOf(db, o.deal_id)
  return deal && deal.settled_at && SUCCEEDED.includes(deal.status) ? { settledAt: deal.settled_at } : null
}

/** The deal succeeded: the final unit price and the difference coming back (price guarantee). */
const settlementSteps: TimelineSource = async (db, o) => {
  const settled = await settledDeal(db, o)
  if (!settled) return []
  const refunds = await payments.refundsOfOrders(db, [o.id])
  const refundFen = refunds.filter((r) => r.reason === RefundReason.priceDifference).reduce((sum, r) => sum + r.amount_fen, 0)
  return [{ kind: TimelineKind.settled, at: settled.settledAt, finalUnitPriceFen: o.final_unit_price_fen!, refundFen }]
}

/** The goods reached the order's pickup point (only for an order the deal kept at settlement). */
const arrivalSteps: TimelineSource = async (db, o) => {
  if (!(await settledDeal(db, o))) return []
  const arrival = await repo.arrivalAt(db, o.deal_id, o.pickup_point_id)
  return arrival ? [{ kind: TimelineKind.arrived, at: arrival.arrived_at, pointName: arrival.point_name }] : []
}

/** Collected at the counter, and by whom (PICKUPS records owner or delegate on the order). */
const pickupSteps: TimelineSource = async (db, o) => {
  if (!o.picked_up_at) return []
  // an unclaimed order handed out late by the leader carries her note
  const step: TimelineEntry = o.late_pickup_note
    ? { kind: TimelineKind.latePickup, at: o.picked_up_at, note: o.late_pickup_note }
    : { kind: TimelineKind.pickedUp, at: o.picked_up_at }
  if (o.collected_by) step.collectedBy = o.collected_by
  if (o.collected_by === CollectedBy.delegate && o.collected_by_user_id) {
    const nickname = await repo.nicknameOf(db, o.collected_by_user_id)
    if (nickname) step.collectorNickname = nickname
  }
  return [step]
}

/** Every refund row: amount, reason, and where it is at the payment provider. */
const refundSteps: TimelineSource = async (db, o) => {
  const refunds = await payments.refundsOfOrders(db, [o.id])
  return refunds.map((r) => ({ kind: TimelineKind.refund, at: r.created_at, amountFen: r.amount_fen, reason: r.reason, status: r.status }))
}

/** Every source of steps; add yours with one line (AFTERSALES, PICKUPS). */
export const timelineSources: TimelineSource[] = [orderSteps, settlementSteps, arrivalSteps, pickupSteps, refundSteps, afterSalesSteps, noShowSteps]

/** Steps at the same instant in the order they happen (settled before its difference's refund). */
const SAME_INSTANT_ORDER: string[] = [
  TimelineKind.placed,
  TimelineKind.paid,
  TimelineKind.cancelled,
  TimelineKind.expired,
  TimelineKind.settled,
  TimelineKind.arrived,
  TimelineKind.pickedUp,
  // an answer or decision before the refund it owes
  TimelineKind.afterSalesAnswered,
  TimelineKind.afterSalesDecided,
]
const rank = (kind: string) => {
  const i = SAME_INSTANT_ORDER.indexOf(kind)
  return i === -1 ? SAME_INSTANT_ORDER.length : i
}

/** The order's steps from every source, oldest first. */
export async function orderTimeline(db: Database, order: OrderWithDeal, sources: TimelineSource[] = timelineSources): Promise<TimelineEntry[]> {
  const steps = (await Promise.all(sources.map((source) => source(db, order)))).flat()
  return steps
    .map((step, i) => ({ step, i }))
    .sort((a, b) => (a.step.at < b.step.at ? -1 : a.step.at > b.step.at ? 1 : rank(a.step.kind) - rank(b.step.kind) || a.i - b.i))
    .map(({ step }) => step)
}

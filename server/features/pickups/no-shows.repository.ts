import type { Database } from '../../db/database'
import { ordersWithDealAndPoint } from '../../db/queries'
import { OrderStatus } from '../../../types/api'
import { NotificationKind } from '../notifications/notifications.config'

/** Orders still to be handed out at these statuses: what a no-show can happen to. */
const WAITING = [OrderStatus.confirmed, OrderStatus.ready]

const orderFacts = [
  'orders.id',
  'orders.user_id',
  'orders.deal_id',
  'deals.title',
  'deals.product_name',
  'deals.pickup_end',
  'pickup_points.name as point_name',
] as const

/**
 * Orders still waiting whose pickup window closed before `nowIso` but not before `graceStartIso`
 * (their grace period is running) and that have not had the grace reminder yet.
 */
export function ordersInGrace(db: Database, nowIso: string, graceStartIso: string) {
  return ordersWithDealAndPoint(db)
    .leftJoin('messages', (j) => j.onRef('messages.order_id', '=', 'orders.id').on('messages.kind', '=', NotificationKind.graceReminder))
    .select(orderFacts)
    .where('orders.status', 'in', WAITING)
    .where('deals.pickup_end', '<=', nowIso)
    .where('deals.pickup_end', '>', graceStartIso)
    .where('messages.id', 'is', null)
    .limit(500)
    .execute()
}

/** Ids of orders still waiting whose grace period is over (their window closed at or before `cutoffIso`). */
export async function dueUnclaimed(db: Database, cutoffIso: string): Promise<string[]> {
  const rows = await ordersWithDealAndPoint(db)
    .select('orders.id')
    .where('orders.status', 'in', WAITING)
    .where('deals.pickup_end', '<=', cutoffIso)
    .limit(500)
    .execute()
  return rows.map((r) => r.id)
}

/**
 * waiting -> unclaimed, once: the conditional UPDATE lets exactly one of two sweepers (or a sweep and
 * a verification racing it) move the order; false for the one that lost.
 */
export async function markUnclaimed(trx: Database, id: string, status: OrderStatus, nowIso: string): Promise<boolean> {
  const r = await trx
    .updateTable('orders')
    .set({ status, unclaimed_at: nowIso, updated_at: nowIso })
    .where('id', '=', id)
    .where('status', 'in', WAITING)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export function orderFactsOf(db: Database, id: string) {
  return ordersWithDealAndPoint(db).select(orderFacts).where('orders.id', '=', id).executeTakeFirstOrThrow()
}

/** Where an order stands after the leader acted on it. */
export function orderOutcome(db: Database, id: string) {
  return db
    .selectFrom('orders')
    .select(['id', 'status', 'picked_up_at', 'late_pickup_note', 'paid_fen', 'refund_fen'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
}

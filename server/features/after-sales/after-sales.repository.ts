import type { Insertable, Selectable } from 'kysely'
import type { Database } from '../../db/database'
import type { AfterSalesEventsTable, AfterSalesRequestsTable } from '../../db/schema'
import { AfterSalesStatus, OrderStatus, RefundReason } from '../../../types/contract/statuses'

export type RequestRow = Selectable<AfterSalesRequestsTable>
export type EventRow = Selectable<AfterSalesEventsTable>

/** An order as after-sales needs it: money, pickup, the deal's product and the point's leader. */
export function findOrder(db: Database, orderId: string) {
  return db
    .selectFrom('orders')
    .innerJoin('deals', 'deals.id', 'orders.deal_id')
    .innerJoin('pickup_points', 'pickup_points.id', 'orders.pickup_point_id')
    .select([
      'orders.id',
      'orders.user_id',
      'orders.deal_id',
      'orders.status',
      'orders.quantity',
      'orders.unit_price_fen',
      'orders.final_unit_price_fen',
      'orders.paid_fen',
      'orders.refund_fen',
      'orders.pickup_point_id',
      'orders.picked_up_at',
      'deals.title as deal_title',
      'deals.product_name',
      'pickup_points.leader_id as point_leader_id',
      'pickup_points.name as point_name',
    ])
    .where('orders.id', '=', orderId)
    .executeTakeFirst()
}
export type OrderForAfterSales = NonNullable<Awaited<ReturnType<typeof findOrder>>>

/**
 * Take the order's row lock (a no-op update; PostgreSQL holds it to commit) and read its money
 * again: two approvals, or a request racing an answer, queue here and each sees the other's refund.
 */
export function lockOrder(trx: Database, orderId: string) {
  return trx
    .updateTable('orders')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', orderId)
    .returning(['id', 'status', 'quantity', 'unit_price_fen', 'final_unit_price_fen', 'paid_fen', 'refund_fen', 'picked_up_at'])
    .executeTakeFirst()
}

export function requestsOfOrder(db: Database, orderId: string) {
  return db.selectFrom('after_sales_requests').selectAll().where('order_id', '=', orderId).orderBy('created_at', 'desc').execute()
}

export function findRequest(db: Database, id: string) {
  return db.selectFrom('after_sales_requests').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function insertRequest(trx: Database, row: Insertable<AfterSalesRequestsTable>): Promise<void> {
  await trx.insertInto('after_sales_requests').values(row).execute()
}

export async function insertEvent(trx: Database, row: Insertable<AfterSalesEventsTable>): Promise<void> {
  await trx.insertInto('after_sales_events').values(row).execute()
}

/** Move a request on, only from the status it was read in (a racing answer wins once). */
export async function moveRequest(trx: Database, id: string, from: AfterSalesStatus, patch: Partial<RequestRow>): Promise<boolean> {
  const r = await trx.updateTable('after_sales_requests').set(patch).where('id', '=', id).where('status', '=', from).executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export function eventsOf(db: Database, requestIds: string[]) {
  if (requestIds.length === 0) return Promise.resolve([] as EventRow[])
  return db.selectFrom('after_sales_events').selectAll().where('request_id', 'in', requestIds).orderBy('created_at').orderBy('id').execute()
}

/** Each request with its order's facts for the view. */
function withOrder(db: Database) {
  return db
    .selectFrom('after_sales_requests as r')
    .innerJoin('orders', 'orders.id', 'r.order_id')
    .innerJoin('deals', 'deals.id', 'orders.deal_id')
    .innerJoin('pickup_points', 'pickup_points.id', 'r.pickup_point_id')
    .innerJoin('users', 'users.id', 'r.user_id')
    .selectAll('r')
    .select([
      'deals.title as deal_title',
      'deals.product_name',
      'deals.product_spec',
      'orders.quantity as order_quantity',
      'orders.paid_fen',
      'orders.refund_fen',
      'orders.picked_up_at',
      'pickup_points.name as point_name',
      'pickup_points.leader_id as point_leader_id',
      'users.nickname',
    ])
}
export type RequestWithOrder = Awaited<ReturnType<ReturnType<typeof withOrder>['execute']>>[number]

export function requestsWithOrderByIds(db: Database, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([] as RequestWithOrder[])
  return withOrder(db).where('r.id', 'in', ids).execute()
}

export function requestsWithOrderOfOrder(db: Database, orderId: string) {
  return withOrder(db).where('r.order_id', '=', orderId).orderBy('r.created_at', 'desc').execute()
}

/** Requests at the leader's points, newest first (the service puts the open ones first). */
export function requestsAtLeaderPoints(db: Database, leaderId: string, limit = 200) {
  return withOrder(db).where('pickup_points.leader_id', '=', leaderId).orderBy('r.created_at', 'desc').limit(limit).execute()
}

/** Every request ever escalated (waiting ones and decided ones), newest first. */
export function escalatedRequests(db: Database, limit = 200) {
  return withOrder(db).where('r.escalated_at', 'is not', null).orderBy('r.escalated_at', 'desc').limit(limit).execute()
}

/** Someone who could ask for after-sales now: a picked-up order collected since `sinceIso`. */
export async function hasOrderPickedUpSince(db: Database, userId: string, sinceIso: string): Promise<boolean> {
  const row = await db
    .selectFrom('orders')
    .select('id')
    .where('user_id', '=', userId)
    .where('status', '=', OrderStatus.pickedUp)
    .where('picked_up_at', '>=', sinceIso)
    .limit(1)
    .executeTakeFirst()
  return !!row
}

/** The after-sales refund of a request, if one was recorded (one per request). */
export function refundOfRequest(db: Database, orderId: string, requestId: string) {
  return db
    .selectFrom('refunds')
    .select(['id', 'amount_fen', 'status', 'created_at'])
    .where('order_id', '=', orderId)
    .where('reason', '=', RefundReason.afterSales)
    .where('source', '=', requestId)
    .executeTakeFirst()
}

/** Every step of every request on an order, oldest first, with the request's reason and quantity. */
export function eventsOfOrder(db: Database, orderId: string) {
  return db
    .selectFrom('after_sales_events as e')
    .innerJoin('after_sales_requests as r', 'r.id', 'e.request_id')
    .select(['e.kind', 'e.created_at', 'e.amount_fen', 'e.note', 'r.reason', 'r.quantity'])
    .where('e.order_id', '=', orderId)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute()
}

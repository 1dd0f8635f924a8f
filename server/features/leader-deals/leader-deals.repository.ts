import type { Database } from '../../db/database'
import type { DealsTable } from '../../db/schema'
import { DealStatus, OrderStatus } from '../../../types/api'

export async function insertDeal(trx: Database, row: DealsTable): Promise<void> {
  await trx.insertInto('deals').values(row).execute()
}

export async function setDealPoints(trx: Database, dealId: string, pointIds: string[]): Promise<void> {
  await trx.deleteFrom('deal_pickup_points').where('deal_id', '=', dealId).execute()
  await trx
    .insertInto('deal_pickup_points')
    .values(pointIds.map((pickup_point_id) => ({ deal_id: dealId, pickup_point_id })))
    .execute()
}

/** Change a deal only while it is in `status` (a racing publish or cancel wins once). */
export async function updateDealIn(trx: Database, id: string, status: DealStatus, patch: Partial<DealsTable>): Promise<boolean> {
  const r = await trx.updateTable('deals').set(patch).where('id', '=', id).where('status', '=', status).executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/** Which of these point ids are the leader's own. */
export async function ownPointIds(db: Database, leaderId: string, ids: string[]): Promise<Set<string>> {
  const rows = await db.selectFrom('pickup_points').select('id').where('leader_id', '=', leaderId).where('id', 'in', ids).execute()
  return new Set(rows.map((r) => r.id))
}

export function dealPointIds(db: Database, dealId: string) {
  return db.selectFrom('deal_pickup_points').select('pickup_point_id').where('deal_id', '=', dealId).execute()
}

/** The deal's orders for a leader: who (nickname, masked later), how many, where, in what state (only at `pointIds` when given). */
export function ordersOfDeal(db: Database, dealId: string, pointIds: string[] | null = null) {
  let query = db
    .selectFrom('orders')
    .innerJoin('users', 'users.id', 'orders.user_id')
    .innerJoin('pickup_points', 'pickup_points.id', 'orders.pickup_point_id')
    .select([
      'orders.id',
      'orders.status',
      'orders.quantity',
      'orders.unit_price_fen',
      'orders.final_unit_price_fen',
      'orders.paid_fen',
      'orders.refund_fen',
      'orders.inviter_id',
      'orders.created_at',
      'orders.paid_at',
      'orders.picked_up_at',
      'users.nickname',
      'pickup_points.id as point_id',
      'pickup_points.name as point_name',
    ])
    .where('orders.deal_id', '=', dealId)
    // expired holds never became orders anyone has to hand out
    .where('orders.status', '!=', OrderStatus.expired)
  if (pointIds) query = query.where('orders.pickup_point_id', 'in', pointIds)
  return query.orderBy('orders.created_at').orderBy('orders.id').execute()
}

export async function insertArrival(trx: Database, dealId: string, pointId: string, nowIso: string): Promise<void> {
  await trx
    .insertInto('arrivals')
    .values({ deal_id: dealId, pickup_point_id: pointId, arrived_at: nowIso })
    .onConflict((oc) => oc.columns(['deal_id', 'pickup_point_id']).doNothing())
    .execute()
}

export function findArrival(db: Database, dealId: string, pointId: string) {
  return db.selectFrom('arrivals').selectAll().where('deal_id', '=', dealId).where('pickup_point_id', '=', pointId).executeTakeFirst()
}

/** Confirmed orders at the point become ready for pickup. */
export async function markReady(trx: Database, dealId: string, pointId: string, status: OrderStatus, nowIso: string): Promise<void> {
  await trx
    .updateTable('orders')
    .set({ status, updated_at: nowIso })
    .where('deal_id', '=', dealId)
    .where('pickup_point_id', '=', pointId)
    .where('status', '=', OrderStatus.confirmed)
    .execute()
}

export async function countAtPoint(db: Database, dealId: string, pointId: string, status: OrderStatus): Promise<number> {
  const row = await db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('deal_id', '=', dealId)
    .where('pickup_point_id', '=', pointId)
    .where('status', '=', status)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

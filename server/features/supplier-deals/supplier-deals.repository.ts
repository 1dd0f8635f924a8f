import type { Database } from '../../db/database'
import { DealStatus } from '../../../types/api'
import { ACTIVE_ORDER_STATUSES } from '../../../src/domain'
import type { DealRow } from '../deals/deal-view'
import { selectDeals } from '../deals/deals.repository'

/** A supplier's deals (any status), newest first. */
export function dealsOfSupplier(db: Database, supplierId: string): Promise<DealRow[]> {
  return selectDeals(db).where('deals.supplier_id', '=', supplierId).orderBy('deals.created_at', 'desc').orderBy('deals.id').execute()
}

/** Supplier deals leaders may still opt into: open, before their cutoff; soonest cutoff first. */
export function openSupplierDeals(db: Database, nowIso: string): Promise<DealRow[]> {
  return selectDeals(db)
    .where('deals.supplier_id', 'is not', null)
    .where('deals.status', '=', DealStatus.open)
    .where('deals.cutoff_at', '>', nowIso)
    .orderBy('deals.cutoff_at')
    .orderBy('deals.id')
    .limit(200)
    .execute()
}

/**
 * The points opted into these deals, each with its leader and what has been bought there (active
 * orders and their units: live before cutoff). In the order the points were opted in.
 */
export async function pointsWithCounts(db: Database, dealIds: string[]) {
  if (dealIds.length === 0) return []
  return db
    .selectFrom('deal_pickup_points as dp')
    .innerJoin('pickup_points', 'pickup_points.id', 'dp.pickup_point_id')
    .innerJoin('users as leader', 'leader.id', 'pickup_points.leader_id')
    .leftJoin('orders', (join) =>
      join
        .onRef('orders.deal_id', '=', 'dp.deal_id')
        .onRef('orders.pickup_point_id', '=', 'dp.pickup_point_id')
        .on('orders.status', 'in', [...ACTIVE_ORDER_STATUSES]),
    )
    .select((eb) => [
      'dp.deal_id',
      'dp.opted_in_at',
      'pickup_points.id',
      'pickup_points.name',
      'pickup_points.address',
      'pickup_points.lat',
      'pickup_points.lng',
      'pickup_points.leader_id',
      'leader.nickname as leader_nickname',
      'leader.phone as leader_phone',
      eb.fn.count<number | string>('orders.id').as('orders'),
      eb.fn.coalesce(eb.fn.sum<number | string>('orders.quantity'), eb.lit(0)).as('units'),
    ])
    .where('dp.deal_id', 'in', dealIds)
    .groupBy([
      'dp.deal_id',
      'dp.opted_in_at',
      'pickup_points.id',
      'pickup_points.name',
      'pickup_points.address',
      'pickup_points.lat',
      'pickup_points.lng',
      'pickup_points.leader_id',
      'leader.nickname',
      'leader.phone',
    ])
    .orderBy('dp.opted_in_at')
    .orderBy('pickup_points.id')
    .execute()
}

/** A leader's pickup points, in the order she made them. */
export function pointsOfLeader(db: Database, leaderId: string) {
  return db
    .selectFrom('pickup_points')
    .select(['id', 'name', 'leader_id'])
    .where('leader_id', '=', leaderId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

export function findPoint(db: Database, pointId: string) {
  return db.selectFrom('pickup_points').select(['id', 'name', 'leader_id']).where('id', '=', pointId).executeTakeFirst()
}

export async function isOptedIn(db: Database, dealId: string, pointId: string): Promise<boolean> {
  const row = await db
    .selectFrom('deal_pickup_points')
    .select('deal_id')
    .where('deal_id', '=', dealId)
    .where('pickup_point_id', '=', pointId)
    .executeTakeFirst()
  return row !== undefined
}

export async function optIn(trx: Database, dealId: string, pointId: string, leaderId: string, nowIso: string): Promise<void> {
  await trx
    .insertInto('deal_pickup_points')
    .values({ deal_id: dealId, pickup_point_id: pointId, opted_in_by: leaderId, opted_in_at: nowIso })
    .execute()
}

export async function optOut(trx: Database, dealId: string, pointId: string): Promise<boolean> {
  const r = await trx.deleteFrom('deal_pickup_points').where('deal_id', '=', dealId).where('pickup_point_id', '=', pointId).executeTakeFirst()
  return Number(r.numDeletedRows) === 1
}

/** Whether the point has active orders for the deal (held, paid, or on their way to pickup): then it stays in. */
export async function hasOrdersAt(db: Database, dealId: string, pointId: string): Promise<boolean> {
  const row = await db
    .selectFrom('orders')
    .select('id')
    .where('deal_id', '=', dealId)
    .where('pickup_point_id', '=', pointId)
    .where('status', 'in', [...ACTIVE_ORDER_STATUSES])
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

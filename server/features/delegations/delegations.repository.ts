import type { Database } from '../../db/database'
import type { PickupDelegationsTable } from '../../db/schema'
import { ordersWithDealAndPoint } from '../../db/queries'
import { DelegationStatus } from '../../../types/contract/statuses'

/** The order's live proxy pickup (open or accepted), if any. */
export function liveDelegationOf(db: Database, orderId: string) {
  return db
    .selectFrom('pickup_delegations')
    .leftJoin('users', 'users.id', 'pickup_delegations.delegate_id')
    .selectAll('pickup_delegations')
    .select('users.nickname as delegate_nickname')
    .where('pickup_delegations.order_id', '=', orderId)
    .orderBy((eb) => eb.case().when('pickup_delegations.status', 'in', [DelegationStatus.open, DelegationStatus.accepted]).then(0).else(1).end())
    .orderBy('pickup_delegations.created_at', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** Returns false when the order already has a live one (the partial unique index says so). */
export async function insertDelegation(db: Database, row: PickupDelegationsTable): Promise<void> {
  await db.insertInto('pickup_delegations').values(row).execute()
}

/** A delegation by its link's token, with its order, deal and point. */
export function findByToken(db: Database, token: string) {
  return db
    .selectFrom('pickup_delegations')
    .innerJoin('orders', 'orders.id', 'pickup_delegations.order_id')
    .innerJoin('deals', 'deals.id', 'orders.deal_id')
    .innerJoin('pickup_points', 'pickup_points.id', 'orders.pickup_point_id')
    .innerJoin('users as owner', 'owner.id', 'pickup_delegations.owner_id')
    .select([
      'pickup_delegations.id',
      'pickup_delegations.order_id',
      'pickup_delegations.owner_id',
      'pickup_delegations.status',
      'pickup_delegations.delegate_id',
      'pickup_delegations.pickup_code',
      'orders.status as order_status',
      'orders.quantity',
      'orders.picked_up_at',
      'orders.collected_by',
      'deals.title as deal_title',
      'deals.product_name',
      'deals.product_spec',
      'deals.pickup_start',
      'deals.pickup_end',
      'pickup_points.id as point_id',
      'pickup_points.name as point_name',
      'pickup_points.address as point_address',
      'pickup_points.hours as point_hours',
      'owner.nickname as owner_nickname',
    ])
    .where('pickup_delegations.token', '=', token)
    .executeTakeFirst()
}

/** open -> accepted by this neighbour, with their code; false if someone else got there first. */
export async function acceptDelegation(trx: Database, id: string, delegateId: string, code: string, nowIso: string): Promise<boolean> {
  const r = await trx
    .updateTable('pickup_delegations')
    .set({ status: DelegationStatus.accepted, delegate_id: delegateId, pickup_code: code, accepted_at: nowIso })
    .where('id', '=', id)
    .where('status', '=', DelegationStatus.open)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/** open/accepted -> revoked; false once it is spent (or already revoked). */
export async function revokeDelegation(db: Database, id: string, nowIso: string): Promise<boolean> {
  const r = await db
    .updateTable('pickup_delegations')
    .set({ status: DelegationStatus.revoked, revoked_at: nowIso })
    .where('id', '=', id)
    .where('status', 'in', [DelegationStatus.open, DelegationStatus.accepted])
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export function findOrder(db: Database, id: string) {
  return ordersWithDealAndPoint(db)
    .select([
      'orders.id',
      'orders.user_id',
      'orders.status',
      'orders.pickup_point_id',
      'deals.id as deal_id',
      'deals.status as deal_status',
      'deals.cutoff_at',
    ])
    .where('orders.id', '=', id)
    .executeTakeFirst()
}

/** The proxy pickups this person accepted, newest first (to find a code again). */
export function acceptedBy(db: Database, userId: string) {
  return db.selectFrom('pickup_delegations').select(['token']).where('delegate_id', '=', userId).orderBy('accepted_at', 'desc').limit(50).execute()
}

import type { Database } from '../../db/database'
import { ordersWithDealAndPoint } from '../../db/queries'
import { DealStatus, OrderStatus } from '../../../types/api'

/** An order with what the leader's counter needs, whoever's point it is at (the service checks). */
function selectPickupOrders(db: Database) {
  return ordersWithDealAndPoint(db)
    .innerJoin('users', 'users.id', 'orders.user_id')
    .select([
      'orders.id',
      'orders.deal_id',
      'orders.status',
      'orders.quantity',
      'orders.pickup_code',
      'orders.final_unit_price_fen',
      'orders.picked_up_at',
      'orders.pickup_point_id',
      'deals.title as deal_title',
      'deals.product_name',
      'deals.product_spec',
      'deals.status as deal_status',
      'deals.cutoff_at',
      'pickup_points.leader_id as point_leader_id',
      'pickup_points.name as point_name',
      'users.nickname',
    ])
}

/** Orders whose goods are still to be handed out: a pickup code is unique among these only. */
export const TO_HAND_OUT = [OrderStatus.paid, OrderStatus.confirmed, OrderStatus.ready]

/** Whether an order still to be handed out holds this pickup code. */
export async function isPickupCodeTaken(db: Database, code: string): Promise<boolean> {
  const taken = await db.selectFrom('orders').select('id').where('pickup_code', '=', code).where('status', 'in', TO_HAND_OUT).executeTakeFirst()
  return taken !== undefined
}

export type PickupOrderRow = Awaited<ReturnType<typeof findByCode>>

/**
 * The leader's order behind a typed code. A code is given again once its order is done, so the
 * leader may have had it before: the order still to be handed out comes first, then the most
 * recent (so a second scan hears when it was handed out).
 */
export function findByCode(db: Database, leaderId: string, code: string) {
  return selectPickupOrders(db)
    .where('orders.pickup_code', '=', code)
    .where('pickup_points.leader_id', '=', leaderId)
    .orderBy((eb) => eb.case().when('orders.status', 'in', TO_HAND_OUT).then(0).else(1).end())
    .orderBy('orders.updated_at', 'desc')
    .limit(1)
    .executeTakeFirst()
}

export function findById(db: Database, id: string) {
  return selectPickupOrders(db).where('orders.id', '=', id).executeTakeFirst()
}

/** confirmed/ready -> picked_up once; a second scan of the same code finds nothing to change. */
export async function markPickedUp(db: Database, id: string, status: OrderStatus, nowIso: string): Promise<boolean> {
  const r = await db
    .updateTable('orders')
    .set({ status, picked_up_at: nowIso, updated_at: nowIso })
    .where('id', '=', id)
    .where('status', 'in', [OrderStatus.confirmed, OrderStatus.ready])
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export async function recordAttempt(db: Database, row: { id: string; leader_id: string; ok: number; created_at: string }): Promise<void> {
  await db.insertInto('verify_attempts').values(row).execute()
}

/** The leader's failed attempts since `sinceIso`, oldest first. */
export function failedAttemptsSince(db: Database, leaderId: string, sinceIso: string) {
  return db
    .selectFrom('verify_attempts')
    .select('created_at')
    .where('leader_id', '=', leaderId)
    .where('created_at', '>', sinceIso)
    .where('ok', '=', 0)
    .orderBy('created_at')
    .execute()
}

/** Orders to hand out at the leader's points for deals whose pickup starts in [from, to). */
export function pickingOrders(db: Database, leaderId: string, fromIso: string, toIso: string) {
  return selectPickupOrders(db)
    .select(['pickup_points.address as point_address', 'deals.pickup_start', 'deals.pickup_end'])
    .where('deals.leader_id', '=', leaderId)
    .where('pickup_points.leader_id', '=', leaderId)
    .where('deals.pickup_start', '>=', fromIso)
    .where('deals.pickup_start', '<', toIso)
    .where('deals.status', 'in', [DealStatus.succeeded, DealStatus.completed])
    .where('orders.status', 'in', [OrderStatus.confirmed, OrderStatus.ready, OrderStatus.pickedUp])
    .orderBy('pickup_points.name')
    .orderBy('deals.title')
    .orderBy('orders.created_at')
    .execute()
}

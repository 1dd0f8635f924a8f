import type { Database } from '../../db/database'
import type { OrdersTable } from '../../db/schema'
import type { DealStatus, OrderStatus } from '../../../types/api'

export type OrderRow = OrdersTable
/** An order with what a shopper sees of its deal. */
export type OrderWithDeal = OrderRow & { deal_title: string; deal_status: DealStatus }

function selectOrders(db: Database) {
  return db
    .selectFrom('orders')
    .innerJoin('deals', 'deals.id', 'orders.deal_id')
    .selectAll('orders')
    .select(['deals.title as deal_title', 'deals.status as deal_status'])
}

export function findOrder(db: Database, id: string): Promise<OrderWithDeal | undefined> {
  return selectOrders(db).where('orders.id', '=', id).executeTakeFirst()
}

export function findOrderByKey(db: Database, userId: string, key: string): Promise<OrderWithDeal | undefined> {
  return selectOrders(db).where('orders.user_id', '=', userId).where('orders.idempotency_key', '=', key).executeTakeFirst()
}

export function listUserOrders(db: Database, userId: string): Promise<OrderWithDeal[]> {
  return selectOrders(db).where('orders.user_id', '=', userId).orderBy('orders.created_at', 'desc').orderBy('orders.id').limit(200).execute()
}

export function findDealRow(db: Database, id: string) {
  return db.selectFrom('deals').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The pickup points a deal ships to. */
export async function pickupPointsOfDeal(db: Database, dealId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('deal_pickup_points').select('pickup_point_id').where('deal_id', '=', dealId).execute()
  return new Set(rows.map((r) => r.pickup_point_id))
}

/** One shopper's Idempotency-Key, as a map key. */
export const orderKey = (userId: string, key: string) => `${userId}\n${key}`

/** The orders these shoppers' Idempotency-Keys already made, by `orderKey(user, key)`. */
export async function ordersByKeys(db: Database, wanted: { userId: string; key: string }[]): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('orders')
    .select(['id', 'user_id', 'idempotency_key'])
    // (user, key) pairs: one probe of the unique index each, not users × keys
    .where((eb) =>
      eb(
        eb.refTuple('user_id', 'idempotency_key'),
        'in',
        wanted.map((w) => eb.tuple(w.userId, w.key)),
      ),
    )
    .execute()
  return new Map(rows.map((r) => [orderKey(r.user_id, r.idempotency_key), r.id]))
}

/** Whether an unpaid hold of the deal has run out and still holds its units. */
export async function hasStaleHolds(db: Database, dealId: string, nowIso: string): Promise<boolean> {
  const row = await db
    .selectFrom('orders')
    .select('id')
    .where('deal_id', '=', dealId)
    .where('status', '=', 'pending_payment')
    .where('hold_expires_at', '<=', nowIso)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/** What the shoppers among `userIds` hold in the deal now (units of their active orders). */
export async function shopperUnitsOf(trx: Database, dealId: string, userIds: string[]): Promise<Map<string, number>> {
  const rows = await trx
    .selectFrom('deal_participants')
    .select(['user_id', 'active_units'])
    .where('deal_id', '=', dealId)
    .where('user_id', 'in', userIds)
    .execute()
  return new Map(rows.map((r) => [r.user_id, r.active_units]))
}

/** Set the shoppers' new totals in the deal, in one statement. Call under the deal's row lock. */
export async function setShopperUnits(trx: Database, dealId: string, totals: Map<string, number>): Promise<void> {
  await trx
    .insertInto('deal_participants')
    .values([...totals].map(([user_id, active_units]) => ({ deal_id: dealId, user_id, active_units })))
    .onConflict((oc) => oc.columns(['deal_id', 'user_id']).doUpdateSet((eb) => ({ active_units: eb.ref('excluded.active_units') })))
    .execute()
}

/**
 * Add units and people to an open deal before its cutoff, only if the stock cap allows: the one
 * statement that makes overselling impossible, whatever was worked out before it. False when refused.
 */
export async function addToDeal(trx: Database, dealId: string, units: number, people: number, nowIso: string): Promise<boolean> {
  const result = await trx
    .updateTable('deals')
    .set((eb) => ({ active_units: eb('active_units', '+', units), participant_count: eb('participant_count', '+', people) }))
    .where('id', '=', dealId)
    .where('status', '=', 'open')
    .where('cutoff_at', '>', nowIso)
    .where((eb) => eb.or([eb('stock_units', 'is', null), eb(eb('active_units', '+', units), '<=', eb.ref('stock_units'))]))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function insertOrders(trx: Database, rows: OrderRow[]): Promise<void> {
  await trx.insertInto('orders').values(rows).execute()
}

/** Move an order on, only from the status it was read in (a racing change wins once). */
export async function moveOrder(trx: Database, id: string, from: OrderStatus, patch: Partial<OrderRow>): Promise<boolean> {
  const r = await trx.updateTable('orders').set(patch).where('id', '=', id).where('status', '=', from).executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/** Take the deal's row lock (a no-op update; PostgreSQL holds it to commit) and read the row. */
export function lockDeal(trx: Database, dealId: string) {
  return trx
    .updateTable('deals')
    .set((eb) => ({ status: eb.ref('status') }))
    .where('id', '=', dealId)
    .returningAll()
    .executeTakeFirst()
}

/** Take `quantity` off the shopper's units at the deal; returns what they still hold. */
export async function releaseShopperUnits(trx: Database, dealId: string, userId: string, quantity: number): Promise<number> {
  const participant = await trx
    .updateTable('deal_participants')
    .set((eb) => ({ active_units: eb('active_units', '-', quantity) }))
    .where('deal_id', '=', dealId)
    .where('user_id', '=', userId)
    .returning('active_units')
    .executeTakeFirst()
  return participant?.active_units ?? 0
}

/** Take `quantity` off the deal's held units, and one person when `leavesPlace`. */
export async function releaseDealUnits(trx: Database, dealId: string, quantity: number, leavesPlace: boolean): Promise<void> {
  await trx
    .updateTable('deals')
    .set((eb) => ({
      active_units: eb('active_units', '-', quantity),
      participant_count: leavesPlace ? eb('participant_count', '-', 1) : eb.ref('participant_count'),
    }))
    .where('id', '=', dealId)
    .execute()
}

/** Move the deal's unpaid orders (those whose hold ran out by `heldUntil`, or all) to `status`. */
export function closeUnpaidOrders(
  trx: Database,
  dealId: string,
  patch: { status: OrderStatus; closedAt: string },
  heldUntil: string | null,
): Promise<{ user_id: string; quantity: number }[]> {
  let query = trx
    .updateTable('orders')
    .set({ status: patch.status, closed_at: patch.closedAt, updated_at: patch.closedAt })
    .where('deal_id', '=', dealId)
    .where('status', '=', 'pending_payment')
  if (heldUntil !== null) query = query.where('hold_expires_at', '<=', heldUntil)
  return query.returning(['user_id', 'quantity']).execute()
}

/** The deals with an unpaid order whose hold ran out by `nowIso`. */
export async function dealsWithStaleHolds(db: Database, nowIso: string): Promise<string[]> {
  const rows = await db
    .selectFrom('orders')
    .select('deal_id')
    .distinct()
    .where('status', '=', 'pending_payment')
    .where('hold_expires_at', '<=', nowIso)
    .execute()
  return rows.map((r) => r.deal_id)
}

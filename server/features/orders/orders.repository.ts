import type { Database } from '../../db/database'
import type { OrdersTable } from '../../db/schema'

export type OrderRow = OrdersTable
/** An order with what a shopper sees of its deal. */
export type OrderWithDeal = OrderRow & { deal_title: string; deal_status: string }

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

/**
 * Everything a join checks before its transaction, in one round trip: the deal, whether it ships to
 * the chosen point, and whether a stale unpaid hold of it must be given back first.
 */
export async function findDealForJoin(db: Database, dealId: string, pointId: string, nowIso: string) {
  const row = await db
    .selectFrom('deals')
    .selectAll()
    .select((eb) => [
      eb
        .exists(eb.selectFrom('deal_pickup_points').select('deal_id').where('deal_id', '=', dealId).where('pickup_point_id', '=', pointId))
        .as('has_point'),
      eb
        .exists(
          eb
            .selectFrom('orders')
            .select('id')
            .where('deal_id', '=', dealId)
            .where('status', '=', 'pending_payment')
            .where('hold_expires_at', '<=', nowIso),
        )
        .as('has_stale_holds'),
    ])
    .where('id', '=', dealId)
    .executeTakeFirst()
  if (!row) return undefined
  // EXISTS is a boolean on PostgreSQL and 0/1 on SQLite
  const { has_point, has_stale_holds, ...deal } = row
  return { ...deal, hasPoint: Boolean(has_point), hasStaleHolds: Boolean(has_stale_holds) }
}

/**
 * Take `quantity` units of an open deal before its cutoff, only if the stock cap allows:
 * the one statement that makes overselling impossible, however many joins race.
 */
export function takeUnits(trx: Database, dealId: string, quantity: number, nowIso: string) {
  return trx
    .updateTable('deals')
    .set((eb) => ({ active_units: eb('active_units', '+', quantity) }))
    .where('id', '=', dealId)
    .where('status', '=', 'open')
    .where('cutoff_at', '>', nowIso)
    .where((eb) => eb.or([eb('stock_units', 'is', null), eb(eb('active_units', '+', quantity), '<=', eb.ref('stock_units'))]))
    .returningAll()
    .executeTakeFirst()
}

/**
 * Add to the shopper's units in the deal, only within the per-shopper limit: one upsert, so the deal's
 * row lock (taken just before) is held for one round trip less. The new total, or undefined when over
 * the limit. The caller refuses a single order larger than the limit first (an insert is not checked).
 */
export async function takeShopperUnits(trx: Database, dealId: string, userId: string, quantity: number, limit: number | null) {
  const row = await trx
    .insertInto('deal_participants')
    .values({ deal_id: dealId, user_id: userId, active_units: quantity })
    .onConflict((oc) => {
      const update = oc
        .columns(['deal_id', 'user_id'])
        .doUpdateSet((eb) => ({ active_units: eb('deal_participants.active_units', '+', quantity) }))
      return limit === null ? update : update.where((eb) => eb(eb('deal_participants.active_units', '+', quantity), '<=', limit))
    })
    .returning('active_units')
    .executeTakeFirst()
  return row?.active_units
}

export function shopperUnits(trx: Database, dealId: string, userId: string) {
  return trx
    .selectFrom('deal_participants')
    .select('active_units')
    .where('deal_id', '=', dealId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
}

/** A shopper who held nothing now holds something: one more person in the deal. */
export function addParticipant(trx: Database, dealId: string) {
  return trx
    .updateTable('deals')
    .set((eb) => ({ participant_count: eb('participant_count', '+', 1) }))
    .where('id', '=', dealId)
    .returning(['participant_count', 'active_units'])
    .executeTakeFirstOrThrow()
}

export async function insertOrder(trx: Database, row: OrderRow): Promise<void> {
  await trx.insertInto('orders').values(row).execute()
}

/** Move an order on, only from the status it was read in (a racing change wins once). */
export async function moveOrder(trx: Database, id: string, from: string, patch: Partial<OrderRow>): Promise<boolean> {
  const r = await trx.updateTable('orders').set(patch).where('id', '=', id).where('status', '=', from).executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

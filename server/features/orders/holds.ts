import type { Database } from '../../db/database'
import { OrderStatus } from '../../../types/api'
import { OrderEvent, nextOrderStatus } from '../../../src/domain'

/**
 * Stock and place bookkeeping shared by joins, payments, expiries, cancellations and settlement.
 * Every transaction that changes an open deal's orders takes the deal's row first (a join's
 * conditional update does; the others call lockDeal). Every other row they touch belongs to that
 * deal, so on PostgreSQL they queue at the deal and never wait on each other in a circle.
 */

/** Take the deal's row lock (a no-op update; PostgreSQL holds it to commit) and read the row. */
export function lockDeal(trx: Database, dealId: string) {
  return trx
    .updateTable('deals')
    .set((eb) => ({ status: eb.ref('status') }))
    .where('id', '=', dealId)
    .returningAll()
    .executeTakeFirst()
}

/** Give back an order's units: the shopper's total, the deal's held units, and their place when they hold none. */
export async function releaseUnits(trx: Database, dealId: string, userId: string, quantity: number): Promise<void> {
  const participant = await trx
    .updateTable('deal_participants')
    .set((eb) => ({ active_units: eb('active_units', '-', quantity) }))
    .where('deal_id', '=', dealId)
    .where('user_id', '=', userId)
    .returning('active_units')
    .executeTakeFirst()
  const leftThePlace = (participant?.active_units ?? 0) <= 0
  await trx
    .updateTable('deals')
    .set((eb) => ({
      active_units: eb('active_units', '-', quantity),
      participant_count: leftThePlace ? eb('participant_count', '-', 1) : eb.ref('participant_count'),
    }))
    .where('id', '=', dealId)
    .execute()
}

const EXPIRED = nextOrderStatus(OrderStatus.pendingPayment, OrderEvent.expire)

/**
 * Expire the deal's unpaid orders whose hold has run out (or all of them: `everyUnpaid`, at cutoff)
 * and release what they held. Call inside a transaction; takes the deal lock first.
 */
export async function expireHolds(
  trx: Database,
  dealId: string,
  nowIso: string,
  options: { everyUnpaid?: boolean } = {},
): Promise<number> {
  await lockDeal(trx, dealId)
  let query = trx
    .updateTable('orders')
    .set({ status: EXPIRED, closed_at: nowIso, updated_at: nowIso })
    .where('deal_id', '=', dealId)
    .where('status', '=', OrderStatus.pendingPayment)
  if (!options.everyUnpaid) query = query.where('hold_expires_at', '<=', nowIso)
  const expired = await query.returning(['user_id', 'quantity']).execute()
  for (const o of expired) await releaseUnits(trx, dealId, o.user_id, o.quantity)
  return expired.length
}

/** Every deal with a stale hold, expired deal by deal (the sweeper). Returns how many orders expired. */
export async function expireStaleHolds(db: Database, nowIso: string): Promise<number> {
  const deals = await db
    .selectFrom('orders')
    .select('deal_id')
    .distinct()
    .where('status', '=', OrderStatus.pendingPayment)
    .where('hold_expires_at', '<=', nowIso)
    .execute()
  let expired = 0
  for (const { deal_id } of deals) {
    expired += await db.transaction().execute((trx) => expireHolds(trx, deal_id, nowIso))
  }
  return expired
}

import type { Database } from '../../db/database'
import { OrderStatus } from '../../../types/api'
import { OrderEvent, nextOrderStatus } from '../../../src/domain'
import { closeUnpaidOrders, dealsWithStaleHolds, lockDeal, releaseDealUnits, releaseShopperUnits } from './orders.repository'

/**
 * Stock and place bookkeeping shared by joins, payments, expiries, cancellations and settlement.
 * Every transaction that changes an open deal's orders takes the deal's row first (a join's
 * conditional update does; the others call lockDeal). Every other row they touch belongs to that
 * deal, so on PostgreSQL they queue at the deal and never wait on each other in a circle.
 */
export { lockDeal }

/** Give back an order's units: the shopper's total, the deal's held units, and their place when they hold none. */
export async function releaseUnits(trx: Database, dealId: string, userId: string, quantity: number): Promise<void> {
  const stillHeld = await releaseShopperUnits(trx, dealId, userId, quantity)
  await releaseDealUnits(trx, dealId, quantity, stillHeld <= 0)
}

const EXPIRED = nextOrderStatus(OrderStatus.pendingPayment, OrderEvent.expire)

/**
 * Expire the deal's unpaid orders whose hold has run out (or all of them: `everyUnpaid`, at cutoff)
 * and release what they held. Call inside a transaction; takes the deal lock first.
 */
export async function expireHolds(trx: Database, dealId: string, nowIso: string, options: { everyUnpaid?: boolean } = {}): Promise<number> {
  await lockDeal(trx, dealId)
  const expired = await closeUnpaidOrders(trx, dealId, { status: EXPIRED, closedAt: nowIso }, options.everyUnpaid ? null : nowIso)
  for (const o of expired) await releaseUnits(trx, dealId, o.user_id, o.quantity)
  return expired.length
}

/** Every deal with a stale hold, expired deal by deal (the sweeper). Returns how many orders expired. */
export async function expireStaleHolds(db: Database, nowIso: string): Promise<number> {
  let expired = 0
  for (const dealId of await dealsWithStaleHolds(db, nowIso)) {
    expired += await db.transaction().execute((trx) => expireHolds(trx, dealId, nowIso))
  }
  return expired
}

import { DealStatus, OrderStatus } from '../../../types/api'
import type { Database } from '../../db/database'
import { chunks } from '../../db/chunks'

/** Open deals whose cutoff has passed (one query on the deals(status, cutoff_at) index). */
export function dueDealIds(db: Database, nowIso: string) {
  return db.selectFrom('deals').select('id').where('status', '=', DealStatus.open).where('cutoff_at', '<=', nowIso).execute()
}

/** The deal's paid orders, as settlement prices them. */
export function paidOrdersOfDeal(trx: Database, dealId: string) {
  return trx
    .selectFrom('orders')
    .select(['id', 'user_id', 'quantity', 'unit_price_fen'])
    .where('deal_id', '=', dealId)
    .where('status', '=', OrderStatus.paid)
    .execute()
}

/** open -> succeeded at its final tier price; true only for the call that made the change. */
export async function markDealSucceeded(
  trx: Database,
  dealId: string,
  status: DealStatus,
  finalUnitPriceFen: number,
  nowIso: string,
): Promise<boolean> {
  const won = await trx
    .updateTable('deals')
    .set({ status, settled_at: nowIso, updated_at: nowIso, final_unit_price_fen: finalUnitPriceFen })
    .where('id', '=', dealId)
    .where('status', '=', DealStatus.open)
    .executeTakeFirst()
  return Number(won.numUpdatedRows) === 1
}

/** Paid orders confirmed at one final unit price, a few hundred per statement. */
export async function confirmPaidOrders(
  trx: Database,
  orderIds: readonly string[],
  status: OrderStatus,
  finalUnitPriceFen: number,
  nowIso: string,
): Promise<void> {
  for (const ids of chunks(orderIds)) {
    await trx
      .updateTable('orders')
      .set({ status, final_unit_price_fen: finalUnitPriceFen, updated_at: nowIso })
      .where('id', 'in', ids)
      .where('status', '=', OrderStatus.paid)
      .execute()
  }
}

/** open or draft -> a closed status with no final price; true only for the call that made the change. */
export async function markDealClosed(trx: Database, dealId: string, status: DealStatus, nowIso: string): Promise<boolean> {
  const won = await trx
    .updateTable('deals')
    .set({ status, settled_at: nowIso, updated_at: nowIso, final_unit_price_fen: null })
    .where('id', '=', dealId)
    .where('status', 'in', [DealStatus.open, DealStatus.draft])
    .executeTakeFirst()
  return Number(won.numUpdatedRows) === 1
}

/** Every paid order of the deal moved to `status` (refunded in full); what each had paid. */
export function refundPaidOrders(trx: Database, dealId: string, status: OrderStatus, nowIso: string) {
  return trx
    .updateTable('orders')
    .set({ status, final_unit_price_fen: 0, closed_at: nowIso, updated_at: nowIso })
    .where('deal_id', '=', dealId)
    .where('status', '=', OrderStatus.paid)
    .returning(['id', 'paid_fen'])
    .execute()
}

/** Nothing of the deal is held any more. */
export async function releaseAllUnits(trx: Database, dealId: string): Promise<void> {
  await trx.updateTable('deal_participants').set({ active_units: 0 }).where('deal_id', '=', dealId).execute()
  await trx.updateTable('deals').set({ active_units: 0, participant_count: 0 }).where('id', '=', dealId).execute()
}

/** Succeeded deals whose pickup window has ended move to `status`; how many did. */
export async function completeDealsEndedBy(db: Database, status: DealStatus, nowIso: string): Promise<number> {
  const r = await db
    .updateTable('deals')
    .set({ status, completed_at: nowIso, updated_at: nowIso })
    .where('status', '=', DealStatus.succeeded)
    .where('pickup_end', '<=', nowIso)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

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

/** The settled deal's confirmed orders grouped by pickup point and final price, with the point's leader and her rate. */
export function confirmedOrderGroups(trx: Database, dealId: string, status: OrderStatus) {
  return trx
    .selectFrom('orders as o')
    .innerJoin('pickup_points as pp', 'pp.id', 'o.pickup_point_id')
    .leftJoin('users as u', 'u.id', 'pp.leader_id')
    .select(['o.pickup_point_id', 'o.final_unit_price_fen', 'pp.leader_id', 'u.commission_bps as leader_bps'])
    .where('o.deal_id', '=', dealId)
    .where('o.status', '=', status)
    .groupBy(['o.pickup_point_id', 'o.final_unit_price_fen', 'pp.leader_id', 'u.commission_bps'])
    .execute()
}

/** Freeze one group's terms on its orders (one update per point and final price). */
export async function freezeOrderTerms(
  trx: Database,
  dealId: string,
  status: OrderStatus,
  group: { pickupPointId: string; finalUnitPriceFen: number | null },
  terms: { commission_bps: number; commission_leader_id: string | null; supplier_unit_price_fen: number | null },
): Promise<void> {
  let q = trx
    .updateTable('orders')
    .set(terms)
    .where('deal_id', '=', dealId)
    .where('status', '=', status)
    .where('pickup_point_id', '=', group.pickupPointId)
  q = group.finalUnitPriceFen === null ? q.where('final_unit_price_fen', 'is', null) : q.where('final_unit_price_fen', '=', group.finalUnitPriceFen)
  await q.execute()
}

import { sql } from 'kysely'
import { DealStatus, OrderStatus } from '../../../types/api'
import type { Database } from '../../db/database'
import type { DeliveriesTable, ReceiptsTable } from '../../db/schema'

/** Orders whose units are bought and go out to the point (paid before settlement, then on to picked up). */
export const UNIT_STATUSES = [OrderStatus.paid, OrderStatus.confirmed, OrderStatus.ready, OrderStatus.pickedUp, OrderStatus.unclaimed] as const
/** Orders still to be handed out, or handed out: the ones a shortage at receipt takes units from. */
export const SHORTAGE_STATUSES = [OrderStatus.confirmed, OrderStatus.ready, OrderStatus.pickedUp] as const
/** A supplier's deals that deliver: selling (units live), or settled and succeeded (units final). */
const DELIVERING = [DealStatus.open, DealStatus.succeeded, DealStatus.completed] as const

export type DayDeal = Awaited<ReturnType<typeof dealsOfDay>>[number]

/** The supplier's deals delivering on that day (drafts, failed and cancelled ones aside). */
export function dealsOfDay(db: Database, supplierId: string, date: string) {
  return db
    .selectFrom('deals')
    .select(['id', 'title', 'product_name', 'product_spec', 'status', 'delivery_date'])
    .where('supplier_id', '=', supplierId)
    .where('delivery_date', '=', date)
    .where('status', 'in', [...DELIVERING])
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

/** Per deal and point: units, orders, shoppers and the frozen supplier price (all orders of a deal share it). */
export async function unitsAtPoints(db: Database, dealIds: string[]) {
  if (dealIds.length === 0) return []
  const rows = await db
    .selectFrom('orders')
    .select((eb) => [
      'orders.deal_id',
      'orders.pickup_point_id',
      eb.fn.sum<number | string>('orders.quantity').as('units'),
      eb.fn.countAll<number | string>().as('orders'),
      eb.fn.max<number | null>('orders.supplier_unit_price_fen').as('supplier_unit_price_fen'),
      sql<number | string | null>`sum(${eb.ref('orders.quantity')} * ${eb.ref('orders.supplier_unit_price_fen')})`.as('supplier_fen'),
    ])
    .where('orders.deal_id', 'in', dealIds)
    .where('orders.status', 'in', [...UNIT_STATUSES])
    .groupBy(['orders.deal_id', 'orders.pickup_point_id'])
    .execute()
  return rows.map((r) => ({
    dealId: r.deal_id,
    pointId: r.pickup_point_id,
    units: Number(r.units),
    orders: Number(r.orders),
    supplierUnitPriceFen: r.supplier_unit_price_fen === null ? null : Number(r.supplier_unit_price_fen),
    supplierFen: Number(r.supplier_fen ?? 0),
  }))
}

/** Distinct shoppers per point over the given deals. */
export async function shoppersAtPoints(db: Database, dealIds: string[]): Promise<Map<string, number>> {
  if (dealIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('orders')
    .select((eb) => ['orders.pickup_point_id', eb.fn.count<number | string>('orders.user_id').distinct().as('shoppers')])
    .where('orders.deal_id', 'in', dealIds)
    .where('orders.status', 'in', [...UNIT_STATUSES])
    .groupBy('orders.pickup_point_id')
    .execute()
  return new Map(rows.map((r) => [r.pickup_point_id, Number(r.shoppers)]))
}

/** The points, with their leaders. */
export async function pointsWithLeaders(db: Database, pointIds: string[]) {
  if (pointIds.length === 0) return []
  return db
    .selectFrom('pickup_points')
    .innerJoin('users', 'users.id', 'pickup_points.leader_id')
    .select([
      'pickup_points.id',
      'pickup_points.name',
      'pickup_points.address',
      'pickup_points.lat',
      'pickup_points.lng',
      'pickup_points.contact',
      'pickup_points.leader_id',
      'users.nickname as leader_nickname',
      'users.phone as leader_phone',
    ])
    .where('pickup_points.id', 'in', pointIds)
    .orderBy('pickup_points.id')
    .execute()
}

export function deliveriesOf(db: Database, dealIds: string[]) {
  if (dealIds.length === 0) return Promise.resolve([] as DeliveriesTable[])
  return db.selectFrom('deliveries').selectAll().where('deal_id', 'in', dealIds).execute()
}

export function findDelivery(db: Database, dealId: string, pointId: string) {
  return db.selectFrom('deliveries').selectAll().where('deal_id', '=', dealId).where('pickup_point_id', '=', pointId).executeTakeFirst()
}

/** Once per deal and point (the primary key): a second tap keeps the first delivery. */
export async function insertDeliveries(trx: Database, rows: DeliveriesTable[]): Promise<void> {
  if (rows.length === 0) return
  await trx
    .insertInto('deliveries')
    .values(rows)
    .onConflict((oc) => oc.columns(['deal_id', 'pickup_point_id']).doNothing())
    .execute()
}

export function findReceipt(db: Database, dealId: string, pointId: string) {
  return db.selectFrom('receipts').selectAll().where('deal_id', '=', dealId).where('pickup_point_id', '=', pointId).executeTakeFirst()
}

export function receiptsOf(db: Database, dealIds: string[]) {
  if (dealIds.length === 0) return Promise.resolve([] as ReceiptsTable[])
  return db.selectFrom('receipts').selectAll().where('deal_id', 'in', dealIds).execute()
}

/** Plain insert: a second receipt for the same deal and point is a unique violation (the caller's 409). */
export async function insertReceipt(trx: Database, row: ReceiptsTable): Promise<void> {
  await trx.insertInto('receipts').values(row).execute()
}

export function findDeal(db: Database, id: string) {
  return db
    .selectFrom('deals')
    .leftJoin('suppliers', 'suppliers.id', 'deals.supplier_id')
    .select([
      'deals.id',
      'deals.title',
      'deals.product_name',
      'deals.product_spec',
      'deals.status',
      'deals.supplier_id',
      'deals.delivery_date',
      'suppliers.name as supplier_name',
    ])
    .where('deals.id', '=', id)
    .executeTakeFirst()
}

export function findPoint(db: Database, id: string) {
  return db.selectFrom('pickup_points').select(['id', 'name', 'leader_id']).where('id', '=', id).executeTakeFirst()
}

/** The deal's orders at the point that a shortage may take units from, with what they paid and got back. */
export function shortageOrders(trx: Database, dealId: string, pointId: string) {
  return trx
    .selectFrom('orders')
    .select([
      'id',
      'user_id',
      'status',
      'quantity',
      'unit_price_fen',
      'final_unit_price_fen',
      'paid_fen',
      'refund_fen',
      'created_at',
      'supplier_unit_price_fen',
    ])
    .where('deal_id', '=', dealId)
    .where('pickup_point_id', '=', pointId)
    .where('status', 'in', [...SHORTAGE_STATUSES])
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

/** Orders that lost every unit: refunded in full, nothing to hand out (never made ready). */
export async function closeAsRefunded(trx: Database, orderIds: string[], status: OrderStatus, nowIso: string): Promise<void> {
  if (orderIds.length === 0) return
  await trx
    .updateTable('orders')
    .set({ status, closed_at: nowIso, updated_at: nowIso })
    .where('id', 'in', orderIds)
    .where('status', 'in', [OrderStatus.confirmed, OrderStatus.ready])
    .execute()
}

/** Deliveries at the given points (mine, or where I am staff), with their deal, supplier and receipt. */
export function deliveriesAtPoints(db: Database, pointIds: string[], date: string | null, sinceDate: string) {
  if (pointIds.length === 0) return Promise.resolve([])
  let query = db
    .selectFrom('deliveries')
    .innerJoin('deals', 'deals.id', 'deliveries.deal_id')
    .innerJoin('pickup_points', 'pickup_points.id', 'deliveries.pickup_point_id')
    .leftJoin('suppliers', 'suppliers.id', 'deals.supplier_id')
    .leftJoin('receipts', (join) =>
      join.onRef('receipts.deal_id', '=', 'deliveries.deal_id').onRef('receipts.pickup_point_id', '=', 'deliveries.pickup_point_id'),
    )
    .select([
      'deliveries.deal_id',
      'deliveries.pickup_point_id',
      'deliveries.packed_units',
      'deliveries.delivered_at',
      'deals.title',
      'deals.product_name',
      'deals.product_spec',
      'deals.delivery_date',
      'deals.supplier_id',
      'suppliers.name as supplier_name',
      'pickup_points.name as point_name',
      'receipts.received_at',
    ])
    .where('deliveries.pickup_point_id', 'in', pointIds)
  if (date) query = query.where('deals.delivery_date', '=', date)
  // no date: everything awaiting receipt, and the last days' receipts
  else query = query.where((eb) => eb.or([eb('receipts.received_at', 'is', null), eb('deals.delivery_date', '>=', sinceDate)]))
  return query.orderBy('deals.delivery_date', 'desc').orderBy('deliveries.delivered_at', 'desc').orderBy('deliveries.deal_id').execute()
}

/** My points (as their leader) and the points I am staff at. */
export async function pointsServedBy(db: Database, userId: string): Promise<string[]> {
  const own = await db.selectFrom('pickup_points').select('id').where('leader_id', '=', userId).execute()
  const staff = await db
    .selectFrom('pickup_staff')
    .select('pickup_point_id as id')
    .where('user_id', '=', userId)
    .where('removed_at', 'is', null)
    .execute()
  return [...new Set([...own, ...staff].map((p) => p.id))]
}

/** Everything delivered of the supplier's deals, per deal (newest delivery day first). */
export function deliveredDeals(db: Database, supplierId: string) {
  return db
    .selectFrom('deliveries')
    .innerJoin('deals', 'deals.id', 'deliveries.deal_id')
    .select(['deals.id', 'deals.title', 'deals.delivery_date'])
    .where('deals.supplier_id', '=', supplierId)
    .groupBy(['deals.id', 'deals.title', 'deals.delivery_date'])
    .orderBy('deals.delivery_date', 'desc')
    .orderBy('deals.id')
    .execute()
}

/** What the ledger credited the supplier per deal (supplier_payable postings to its account). */
export async function payablesPerDeal(db: Database, accountId: string, dealIds: string[]): Promise<Map<string, number>> {
  if (dealIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('ledger_entries')
    .innerJoin('ledger_transactions', 'ledger_transactions.id', 'ledger_entries.transaction_id')
    .select((eb) => ['ledger_transactions.deal_id', eb.fn.sum<number | string>('ledger_entries.amount_fen').as('fen')])
    .where('ledger_entries.account_id', '=', accountId)
    .where('ledger_transactions.kind', '=', 'supplier_payable')
    .where('ledger_transactions.deal_id', 'in', dealIds)
    .groupBy('ledger_transactions.deal_id')
    .execute()
  return new Map(rows.map((r) => [r.deal_id ?? '', Number(r.fen)]))
}

/** The shortage refunds recorded for a receipt (their source is `<dealId>:<pointId>`). */
export function shortageRefunds(db: Database, dealId: string, pointId: string) {
  return db
    .selectFrom('refunds')
    .select(['order_id', 'amount_fen'])
    .where('reason', '=', 'shortage')
    .where('source', '=', `${dealId}:${pointId}`)
    .execute()
}

/** The deal's orders ready for pickup at the point. */
export async function countReady(db: Database, dealId: string, pointId: string): Promise<number> {
  const row = await db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('deal_id', '=', dealId)
    .where('pickup_point_id', '=', pointId)
    .where('status', '=', OrderStatus.ready)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** What each order lost to the shortage: the counter hands out quantity − short_units. */
export async function addShortUnits(trx: Database, losses: readonly { orderId: string; units: number }[], nowIso: string): Promise<void> {
  for (const l of losses) {
    await trx
      .updateTable('orders')
      .set((eb) => ({ short_units: eb('short_units', '+', l.units), updated_at: nowIso }))
      .where('id', '=', l.orderId)
      .execute()
  }
}

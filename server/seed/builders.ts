import crypto from 'node:crypto'
import type { Tier, TierBasis } from '../../types/api'
import { DealStatus, OrderStatus, Role, SupplierStatus } from '../../types/api'
import { priceOnJoin, totalsAfterJoin } from '../../src/domain'
import { sql } from 'kysely'
import { databaseKind, type Database } from '../db/database'
import type { PickupPointsTable, SuppliersTable } from '../db/schema'
import { newId } from '../http/ids'
import { freePickupCode } from '../features/pickups/pickup-codes'
import { postPayment } from '../features/ledger/ledger-postings'

/**
 * Small writers for the demo neighbourhood (and for tests that need a deal with real progress).
 * They keep the counters exactly as the engine does: a paid order adds its quantity to
 * deals.active_units and, for a new shopper, 1 to deals.participant_count and a deal_participants row.
 */

type Db = Database

export interface UserSpec {
  handle: string
  nickname: string
  leader?: boolean
  /** an approved supplier's person (the row in suppliers is addSupplier's) */
  supplier?: boolean
  commissionBps?: number
  phone?: string
  at: Date
}

export async function addUser(db: Db, spec: UserSpec): Promise<string> {
  const id = newId()
  await db
    .insertInto('users')
    .values({
      id,
      handle: spec.handle,
      openid: null,
      unionid: null,
      nickname: spec.nickname,
      avatar_url: null,
      phone: spec.phone ?? null,
      roles: [Role.shopper, ...(spec.leader ? [Role.leader] : []), ...(spec.supplier ? [Role.supplier] : [])].join(','),
      commission_bps: spec.leader ? (spec.commissionBps ?? 500) : null,
      created_at: spec.at.toISOString(),
    })
    .execute()
  return id
}

/** What a seeded point says about itself: the table's own fields, so a new column is typed once. */
export type PointSpec = Pick<PickupPointsTable, 'name' | 'address' | 'lat' | 'lng' | 'hours' | 'contact'>

export async function addPickupPoint(db: Db, leaderId: string, spec: PointSpec, at: Date): Promise<string> {
  const id = newId()
  const iso = at.toISOString()
  await db
    .insertInto('pickup_points')
    .values({ id, leader_id: leaderId, ...spec, created_at: iso, updated_at: iso })
    .execute()
  return id
}

export interface DealSpec {
  leaderId: string
  status?: DealStatus
  title: string
  product: { name: string; spec: string; description?: string; images?: string[]; category?: string }
  listPriceFen: number
  tierBasis: TierBasis
  tiers: Tier[]
  minToSucceed: number
  stockUnits?: number | null
  perUserLimit?: number | null
  cutoffAt: Date
  pickupStart: Date
  pickupEnd: Date
  pickupPointIds: string[]
  /** when the leader created it (and, unless a draft, published it) */
  at: Date
  /** a supplier's deal (leaderId is then the supplier's person): its id, the commission offered, the delivery day */
  supplier?: { id: string; commissionBps: number; deliveryDate: string }
}

export async function addDeal(db: Db, spec: DealSpec): Promise<string> {
  const id = newId()
  const iso = spec.at.toISOString()
  const status = spec.status ?? DealStatus.open
  await db
    .insertInto('deals')
    .values({
      id,
      leader_id: spec.leaderId,
      status,
      title: spec.title,
      product_name: spec.product.name,
      product_spec: spec.product.spec,
      product_description: spec.product.description ?? '',
      product_images: JSON.stringify(spec.product.images ?? []),
      product_category: spec.product.category ?? '',
      list_price_fen: spec.listPriceFen,
      tier_basis: spec.tierBasis,
      tiers: JSON.stringify(spec.tiers),
      min_to_succeed: spec.minToSucceed,
      stock_units: spec.stockUnits ?? null,
      per_user_limit: spec.perUserLimit ?? null,
      active_units: 0,
      participant_count: 0,
      cutoff_at: spec.cutoffAt.toISOString(),
      pickup_start: spec.pickupStart.toISOString(),
      pickup_end: spec.pickupEnd.toISOString(),
      created_at: iso,
      updated_at: iso,
      published_at: status === DealStatus.draft ? null : iso,
      settled_at: null,
      final_unit_price_fen: null,
      completed_at: null,
      ...(spec.supplier
        ? { supplier_id: spec.supplier.id, commission_bps: spec.supplier.commissionBps, delivery_date: spec.supplier.deliveryDate }
        : {}),
    })
    .execute()
  if (spec.pickupPointIds.length > 0) {
    await db
      .insertInto('deal_pickup_points')
      .values(spec.pickupPointIds.map((pickup_point_id) => ({ deal_id: id, pickup_point_id })))
      .execute()
  }
  return id
}

export interface PaidOrderSpec {
  dealId: string
  userId: string
  quantity: number
  pickupPointId: string
  inviterId?: string | null
  at: Date
}

/**
 * A shopper joins and pays: she pays the tier price of the count including her own order (the
 * price guarantee), and the deal's counters move with her.
 */
export async function addPaidOrder(db: Db, spec: PaidOrderSpec): Promise<{ orderId: string; unitPriceFen: number }> {
  const deal = await db
    .selectFrom('deals')
    .select(['tier_basis', 'tiers', 'active_units', 'participant_count'])
    .where('id', '=', spec.dealId)
    .executeTakeFirstOrThrow()
  const participant = await db
    .selectFrom('deal_participants')
    .select('active_units')
    .where('deal_id', '=', spec.dealId)
    .where('user_id', '=', spec.userId)
    .executeTakeFirst()
  // priced and counted exactly as the join queue does
  const before = { people: deal.participant_count, units: deal.active_units }
  const join = { heldBefore: participant?.active_units ?? 0, quantity: spec.quantity }
  const unitPriceFen = priceOnJoin(deal.tier_basis, JSON.parse(deal.tiers) as Tier[], before, join)
  const after = totalsAfterJoin(before, join)
  const orderId = newId()
  const iso = spec.at.toISOString()
  const body = { quantity: spec.quantity, pickupPointId: spec.pickupPointId }

  await db
    .insertInto('orders')
    .values({
      id: orderId,
      deal_id: spec.dealId,
      user_id: spec.userId,
      status: OrderStatus.paid,
      quantity: spec.quantity,
      unit_price_fen: unitPriceFen,
      final_unit_price_fen: null,
      paid_fen: unitPriceFen * spec.quantity,
      refund_fen: 0,
      pickup_point_id: spec.pickupPointId,
      inviter_id: spec.inviterId ?? null,
      idempotency_key: `seed-${orderId}`,
      request_hash: crypto.createHash('sha256').update(JSON.stringify(body)).digest('hex'),
      // a seeded store has no proxy pickups yet (and may predate their table: test/server/migrations)
      pickup_code: await freePickupCode(db, { delegated: false }),
      created_at: iso,
      updated_at: iso,
      paid_at: iso,
      hold_expires_at: null,
      closed_at: null,
      picked_up_at: null,
    })
    .execute()
  const paymentId = newId()
  await db
    .insertInto('payments')
    .values({
      id: paymentId,
      order_id: orderId,
      provider: 'sandbox',
      amount_fen: unitPriceFen * spec.quantity,
      status: 'succeeded',
      provider_ref: `sandbox-${orderId}`,
      created_at: iso,
      completed_at: iso,
    })
    .execute()
  // the ledger, as the payment flow posts it: shoppers -> platform (unless the store predates the
  // ledger: test/server/migrations builds one at an older version)
  if (await hasLedger(db)) await postPayment(db, { paymentId, orderId, dealId: spec.dealId, amountFen: unitPriceFen * spec.quantity, nowIso: iso })
  if (!participant) {
    await db.insertInto('deal_participants').values({ deal_id: spec.dealId, user_id: spec.userId, active_units: spec.quantity }).execute()
  } else {
    await db
      .updateTable('deal_participants')
      .set((eb) => ({ active_units: eb('active_units', '+', spec.quantity) }))
      .where('deal_id', '=', spec.dealId)
      .where('user_id', '=', spec.userId)
      .execute()
  }
  await db
    .updateTable('deals')
    .set((eb) => ({
      active_units: eb('active_units', '+', after.units - before.units),
      participant_count: eb('participant_count', '+', after.people - before.people),
    }))
    .where('id', '=', spec.dealId)
    .execute()
  return { orderId, unitPriceFen }
}

/** Whether the database has the ledger's tables yet (a catalog lookup: no error, so a PostgreSQL transaction goes on). */
async function hasLedger(db: Db): Promise<boolean> {
  const found =
    databaseKind(db) === 'postgres'
      ? await sql<{ t: string | null }>`select to_regclass('ledger_transactions')::text as t`.execute(db)
      : await sql<{ t: string | null }>`select name as t from sqlite_master where type = 'table' and name = 'ledger_transactions'`.execute(db)
  return found.rows.length > 0 && found.rows[0].t !== null
}

/** An approved supplier (供货商) of a person. */
export async function addSupplier(
  db: Db,
  userId: string,
  spec: Pick<SuppliersTable, 'name' | 'contact_name' | 'phone' | 'depot_address' | 'depot_lat' | 'depot_lng'>,
  at: Date,
): Promise<string> {
  const id = newId()
  const iso = at.toISOString()
  await db
    .insertInto('suppliers')
    .values({
      id,
      user_id: userId,
      ...spec,
      status: SupplierStatus.approved,
      reject_reason: null,
      reviewed_by: null,
      reviewed_at: iso,
      created_at: iso,
      updated_at: iso,
    })
    .execute()
  return id
}

/** Leaders opted their points into a supplier's deal (帮卖): who and when, on the deal's point rows. */
export async function markOptedIn(db: Db, dealId: string, at: Date): Promise<void> {
  const rows = await db
    .selectFrom('deal_pickup_points')
    .innerJoin('pickup_points', 'pickup_points.id', 'deal_pickup_points.pickup_point_id')
    .select(['deal_pickup_points.pickup_point_id', 'pickup_points.leader_id'])
    .where('deal_pickup_points.deal_id', '=', dealId)
    .execute()
  for (const row of rows) {
    await db
      .updateTable('deal_pickup_points')
      .set({ opted_in_by: row.leader_id, opted_in_at: at.toISOString() })
      .where('deal_id', '=', dealId)
      .where('pickup_point_id', '=', row.pickup_point_id)
      .execute()
  }
}

export async function addInvite(db: Db, dealId: string, userId: string, at: Date): Promise<string> {
  const code = crypto.randomBytes(6).toString('base64url')
  await db.insertInto('invites').values({ code, deal_id: dealId, user_id: userId, created_at: at.toISOString() }).execute()
  return code
}

import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import type { DealStatus, RefundStatus } from '../../../types/contract/statuses'
import type { Database } from '../../db/database'
import type { DB } from '../../db/schema'

// All the operator console's SQL. Counts and sums come back as strings on PostgreSQL: Number() them.

const n = (v: unknown) => Number(v ?? 0)

/** `%text%` for LIKE with `escape '\'`: a typed % or _ matches itself. */
const contains = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
const endsWith = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}`

/** The provider gave up on it, or it keeps failing: the operator's to look at. */
export const ABNORMAL_AFTER_ATTEMPTS = 3
const ABNORMAL_STATUSES: RefundStatus[] = ['abnormal', 'closed']

// -- overview -----------------------------------------------------------------------------------------

/** Orders paid since `sinceIso`, with whom they belong to (the point's leader) and the deal's supplier. */
export function paidOrdersSince(db: Database, sinceIso: string) {
  return db
    .selectFrom('orders')
    .innerJoin('pickup_points', 'pickup_points.id', 'orders.pickup_point_id')
    .innerJoin('users as leader', 'leader.id', 'pickup_points.leader_id')
    .innerJoin('deals', 'deals.id', 'orders.deal_id')
    .leftJoin('suppliers', 'suppliers.id', 'deals.supplier_id')
    .select([
      'orders.id',
      'orders.paid_at',
      'orders.paid_fen',
      'pickup_points.leader_id',
      'leader.nickname as leader_nickname',
      'deals.supplier_id',
      'suppliers.name as supplier_name',
    ])
    .where('orders.paid_at', 'is not', null)
    .where('orders.paid_at', '>=', sinceIso)
    .execute()
}

/** What went back per order paid since `sinceIso`, price-guarantee differences aside. */
export async function refundsOfOrdersPaidSince(db: Database, sinceIso: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('refunds')
    .innerJoin('orders', 'orders.id', 'refunds.order_id')
    .select(['refunds.order_id', (eb) => eb.fn.sum<string>('refunds.amount_fen').as('fen')])
    .where('orders.paid_at', '>=', sinceIso)
    .where('refunds.reason', '!=', 'price_difference')
    .groupBy('refunds.order_id')
    .execute()
  return new Map(rows.map((r) => [r.order_id, n(r.fen)]))
}

export async function waitingCounts(db: Database) {
  const count = async (q: Promise<{ c: string | number | bigint } | undefined>) => n((await q)?.c)
  const [leaderApplications, supplierApplications, escalations, abnormalRefunds, payouts, openDeals] = await Promise.all([
    count(
      db
        .selectFrom('leader_applications')
        .select((eb) => eb.fn.countAll().as('c'))
        .where('status', '=', 'pending')
        .executeTakeFirst(),
    ),
    count(
      db
        .selectFrom('suppliers')
        .select((eb) => eb.fn.countAll().as('c'))
        .where('status', '=', 'pending')
        .executeTakeFirst(),
    ),
    count(
      db
        .selectFrom('after_sales_requests')
        .select((eb) => eb.fn.countAll().as('c'))
        .where('status', '=', 'escalated')
        .executeTakeFirst(),
    ),
    count(
      db
        .selectFrom('refunds')
        .select((eb) => eb.fn.countAll().as('c'))
        .where(isAbnormal)
        .executeTakeFirst(),
    ),
    count(
      db
        .selectFrom('payouts')
        .select((eb) => eb.fn.countAll().as('c'))
        .where('status', '=', 'requested')
        .executeTakeFirst(),
    ),
    count(
      db
        .selectFrom('deals')
        .select((eb) => eb.fn.countAll().as('c'))
        .where('status', '=', 'open')
        .executeTakeFirst(),
    ),
  ])
  return { leaderApplications, supplierApplications, escalations, abnormalRefunds, payouts, openDeals }
}

// -- deals ----------------------------------------------------------------------------------------------

/** Per deal: orders that were paid, what they paid, what went back. */
function orderTotals(db: Database) {
  return db
    .selectFrom('orders')
    .select([
      'orders.deal_id',
      (eb) => eb.fn.countAll<string>().as('paid_orders'),
      (eb) => eb.fn.sum<string>('orders.paid_fen').as('gmv_fen'),
      (eb) => eb.fn.sum<string>('orders.refund_fen').as('refund_fen'),
    ])
    .where('orders.paid_at', 'is not', null)
    .groupBy('orders.deal_id')
    .as('totals')
}

function selectDeals(db: Database) {
  return db
    .selectFrom('deals')
    .innerJoin('users as leader', 'leader.id', 'deals.leader_id')
    .leftJoin('suppliers', 'suppliers.id', 'deals.supplier_id')
    .leftJoin(orderTotals(db), 'totals.deal_id', 'deals.id')
    .select([
      'deals.id',
      'deals.title',
      'deals.status',
      'deals.leader_id',
      'leader.nickname as leader_nickname',
      'deals.supplier_id',
      'suppliers.name as supplier_name',
      'deals.participant_count',
      'deals.active_units',
      'deals.list_price_fen',
      'deals.final_unit_price_fen',
      'deals.commission_bps',
      'deals.cutoff_at',
      'deals.created_at',
      'deals.published_at',
      'deals.settled_at',
      'deals.completed_at',
      'totals.paid_orders',
      'totals.gmv_fen',
      'totals.refund_fen',
    ])
}

export type AdminDealRow = Awaited<ReturnType<ReturnType<typeof selectDeals>['executeTakeFirstOrThrow']>>

export interface DealFilter {
  q?: string
  status?: DealStatus
}

function dealMatching(filter: DealFilter) {
  return (eb: ExpressionBuilder<DB & { leader: DB['users'] }, 'deals' | 'leader'>) => {
    const conditions: Expression<SqlBool>[] = []
    if (filter.status) conditions.push(eb('deals.status', '=', filter.status))
    const q = filter.q?.trim()
    if (q) {
      const pattern = contains(q)
      conditions.push(
        eb.or([
          eb('deals.id', '=', q),
          sql<SqlBool>`lower(${eb.ref('deals.title')}) like ${pattern} escape '\\'`,
          sql<SqlBool>`lower(${eb.ref('deals.product_name')}) like ${pattern} escape '\\'`,
          sql<SqlBool>`lower(${eb.ref('leader.nickname')}) like ${pattern} escape '\\'`,
        ]),
      )
    }
    return eb.and(conditions)
  }
}

/** Newest first, one page. */
export function listDeals(db: Database, filter: DealFilter, page: { offset: number; limit: number }) {
  return selectDeals(db)
    .where(dealMatching(filter))
    .orderBy('deals.created_at', 'desc')
    .orderBy('deals.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
}

export async function countDeals(db: Database, filter: DealFilter): Promise<number> {
  const row = await db
    .selectFrom('deals')
    .innerJoin('users as leader', 'leader.id', 'deals.leader_id')
    .select((eb) => eb.fn.countAll().as('c'))
    .where(dealMatching(filter))
    .executeTakeFirst()
  return n(row?.c)
}

export function findDeal(db: Database, id: string) {
  return selectDeals(db).where('deals.id', '=', id).executeTakeFirst()
}

/** The deal's points, their leaders and what was ordered there (active orders). */
export async function pointsOfDeal(db: Database, dealId: string) {
  const points = await db
    .selectFrom('deal_pickup_points')
    .innerJoin('pickup_points', 'pickup_points.id', 'deal_pickup_points.pickup_point_id')
    .innerJoin('users', 'users.id', 'pickup_points.leader_id')
    .select(['pickup_points.id', 'pickup_points.name', 'users.nickname as leader'])
    .where('deal_pickup_points.deal_id', '=', dealId)
    .orderBy('pickup_points.name')
    .execute()
  const counts = await db
    .selectFrom('orders')
    .select(['pickup_point_id', (eb) => eb.fn.countAll<string>().as('orders'), (eb) => eb.fn.sum<string>('quantity').as('units')])
    .where('deal_id', '=', dealId)
    .where('paid_at', 'is not', null)
    .groupBy('pickup_point_id')
    .execute()
  const by = new Map(counts.map((c) => [c.pickup_point_id, c]))
  return points.map((p) => ({ ...p, orders: n(by.get(p.id)?.orders), units: n(by.get(p.id)?.units) }))
}

export function arrivalsOfDeal(db: Database, dealId: string) {
  return db
    .selectFrom('arrivals')
    .innerJoin('pickup_points', 'pickup_points.id', 'arrivals.pickup_point_id')
    .select(['arrivals.arrived_at', 'pickup_points.name'])
    .where('arrivals.deal_id', '=', dealId)
    .orderBy('arrivals.arrived_at')
    .execute()
}

/** The deal's rate, only while it is not yet frozen (settled_at null). Returns whether it changed. */
export async function setDealCommission(db: Database, dealId: string, commissionBps: number | null, nowIso: string): Promise<boolean> {
  const r = await db
    .updateTable('deals')
    .set({ commission_bps: commissionBps, updated_at: nowIso })
    .where('id', '=', dealId)
    .where('settled_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

// -- orders ---------------------------------------------------------------------------------------------

function selectOrders(db: Database) {
  return db
    .selectFrom('orders')
    .innerJoin('deals', 'deals.id', 'orders.deal_id')
    .innerJoin('users as shopper', 'shopper.id', 'orders.user_id')
    .innerJoin('pickup_points', 'pickup_points.id', 'orders.pickup_point_id')
    .innerJoin('users as leader', 'leader.id', 'pickup_points.leader_id')
    .select([
      'orders.id',
      'orders.deal_id',
      'deals.title as deal_title',
      'orders.status',
      'orders.quantity',
      'orders.unit_price_fen',
      'orders.paid_fen',
      'orders.refund_fen',
      'orders.pickup_code',
      'orders.user_id',
      'shopper.nickname as shopper_nickname',
      'shopper.phone as shopper_phone',
      'orders.pickup_point_id',
      'pickup_points.name as point_name',
      'pickup_points.leader_id',
      'leader.nickname as leader_nickname',
      'orders.created_at',
      'orders.paid_at',
      'orders.picked_up_at',
    ])
}

export type AdminOrderRow = Awaited<ReturnType<ReturnType<typeof selectOrders>['executeTakeFirstOrThrow']>>

/**
 * Orders matching any of the keys a customer on the phone can give: the order id, a pickup code,
 * the last digits of their phone (4 or more), or (part of) their nickname. Newest first.
 */
export function searchOrders(db: Database, q: string, limit: number) {
  return selectOrders(db)
    .where((eb) => {
      const keys: Expression<SqlBool>[] = [eb('orders.id', '=', q), eb('orders.pickup_code', '=', q)]
      if (/^\d{4,11}$/.test(q)) keys.push(sql<SqlBool>`${eb.ref('shopper.phone')} like ${endsWith(q)} escape '\\'`)
      keys.push(sql<SqlBool>`lower(${eb.ref('shopper.nickname')}) like ${contains(q)} escape '\\'`)
      return eb.or(keys)
    })
    .orderBy('orders.created_at', 'desc')
    .orderBy('orders.id', 'desc')
    .limit(limit)
    .execute()
}

export function ordersOfDeal(db: Database, dealId: string, limit: number) {
  return selectOrders(db).where('orders.deal_id', '=', dealId).orderBy('orders.created_at', 'desc').orderBy('orders.id').limit(limit).execute()
}

export function recentOrders(db: Database, limit: number) {
  return selectOrders(db).orderBy('orders.created_at', 'desc').orderBy('orders.id', 'desc').limit(limit).execute()
}

// -- refunds --------------------------------------------------------------------------------------------

function isAbnormal(eb: ExpressionBuilder<DB, 'refunds'>) {
  return eb.or([
    eb('refunds.status', 'in', ABNORMAL_STATUSES),
    eb.and([eb('refunds.status', '=', 'pending'), eb('refunds.attempts', '>=', ABNORMAL_AFTER_ATTEMPTS)]),
  ])
}

function selectRefunds(db: Database) {
  return db
    .selectFrom('refunds')
    .innerJoin('orders', 'orders.id', 'refunds.order_id')
    .innerJoin('deals', 'deals.id', 'orders.deal_id')
    .innerJoin('users', 'users.id', 'orders.user_id')
    .select([
      'refunds.id',
      'refunds.order_id',
      'orders.deal_id',
      'deals.title as deal_title',
      'users.nickname as shopper',
      'refunds.amount_fen',
      'refunds.reason',
      'refunds.status',
      'refunds.attempts',
      'refunds.last_error',
      'refunds.provider_ref',
      'refunds.created_at',
      'refunds.next_attempt_at',
    ])
}

export type AdminRefundRow = Awaited<ReturnType<ReturnType<typeof selectRefunds>['executeTakeFirstOrThrow']>>

/** Abnormal ones first, then newest first. */
export function listRefunds(db: Database, filter: { status?: RefundStatus; abnormal?: boolean; dealId?: string }, limit: number) {
  let q = selectRefunds(db)
  if (filter.status) q = q.where('refunds.status', '=', filter.status)
  if (filter.abnormal) q = q.where(isAbnormal)
  if (filter.dealId) q = q.where('orders.deal_id', '=', filter.dealId)
  return q
    .orderBy((eb) => eb.case().when(isAbnormal(eb)).then(0).else(1).end())
    .orderBy('refunds.created_at', 'desc')
    .orderBy('refunds.id', 'desc')
    .limit(limit)
    .execute()
}

export function findRefund(db: Database, id: string) {
  return selectRefunds(db).where('refunds.id', '=', id).executeTakeFirst()
}

/**
 * Owed again: back to pending with a clean slate, so processPendingRefunds hands it to the provider
 * on its next pass. Only from a state worth retrying (the caller checked; this re-checks atomically).
 */
export async function resetRefund(db: Database, id: string, from: RefundStatus): Promise<boolean> {
  const r = await db
    .updateTable('refunds')
    .set({ status: 'pending', attempts: 0, next_attempt_at: null, last_error: null })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

// -- people ---------------------------------------------------------------------------------------------

export interface PeopleFilter {
  role?: 'leader' | 'supplier'
  q?: string
  suspended?: boolean
}

function selectPeople(db: Database) {
  return db
    .selectFrom('users')
    .leftJoin('suppliers', 'suppliers.user_id', 'users.id')
    .select([
      'users.id',
      'users.nickname',
      'users.roles',
      'users.phone',
      'users.commission_bps',
      'users.suspended_at',
      'users.created_at',
      'suppliers.id as supplier_id',
      'suppliers.name as supplier_name',
      'suppliers.status as supplier_status',
      'suppliers.phone as supplier_phone',
      (eb) =>
        eb
          .selectFrom('pickup_points')
          .select((e) => e.fn.countAll().as('c'))
          .whereRef('pickup_points.leader_id', '=', 'users.id')
          .as('points'),
      (eb) =>
        eb
          .selectFrom('deals')
          .select((e) => e.fn.countAll().as('c'))
          .whereRef('deals.leader_id', '=', 'users.id')
          .as('deals'),
      (eb) =>
        eb
          .selectFrom('deals')
          .select((e) => e.fn.countAll().as('c'))
          .whereRef('deals.leader_id', '=', 'users.id')
          .where('deals.status', '=', 'open')
          .as('open_deals'),
    ])
}

export type PersonRow = Awaited<ReturnType<ReturnType<typeof selectPeople>['executeTakeFirstOrThrow']>>

const hasLeaderRole = sql<SqlBool>`(',' || users.roles || ',') like '%,leader,%'`
const isSupplier = (eb: ExpressionBuilder<DB, 'users' | 'suppliers'>) => eb('suppliers.status', 'in', ['approved', 'suspended'])

export function listPeople(db: Database, filter: PeopleFilter, limit: number) {
  return selectPeople(db)
    .where((eb) => {
      const conditions: Expression<SqlBool>[] = []
      if (filter.role === 'leader') conditions.push(hasLeaderRole)
      else if (filter.role === 'supplier') conditions.push(isSupplier(eb))
      else conditions.push(eb.or([hasLeaderRole, isSupplier(eb)]))
      if (filter.suspended !== undefined) conditions.push(eb('users.suspended_at', filter.suspended ? 'is not' : 'is', null))
      const q = filter.q?.trim()
      if (q) {
        const pattern = contains(q)
        const keys: Expression<SqlBool>[] = [
          eb('users.id', '=', q),
          sql<SqlBool>`lower(${eb.ref('users.nickname')}) like ${pattern} escape '\\'`,
          sql<SqlBool>`lower(coalesce(${eb.ref('suppliers.name')}, '')) like ${pattern} escape '\\'`,
        ]
        if (/^\d{3,11}$/.test(q)) {
          keys.push(sql<SqlBool>`coalesce(${eb.ref('users.phone')}, '') like ${contains(q)} escape '\\'`)
          keys.push(sql<SqlBool>`coalesce(${eb.ref('suppliers.phone')}, '') like ${contains(q)} escape '\\'`)
        }
        conditions.push(eb.or(keys))
      }
      return eb.and(conditions)
    })
    .orderBy('users.created_at', 'desc')
    .orderBy('users.id')
    .limit(limit)
    .execute()
}

export function findPerson(db: Database, userId: string) {
  return selectPeople(db).where('users.id', '=', userId).executeTakeFirst()
}

export async function userSuspendedAt(db: Database, userId: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('suspended_at').where('id', '=', userId).executeTakeFirst()
  return row?.suspended_at ?? null
}

/** Suspend (an instant) or lift it (null); a supplier's standing follows (approved <-> suspended). */
export async function setSuspended(db: Database, userId: string, suspendedAt: string | null, nowIso: string): Promise<void> {
  await db.updateTable('users').set({ suspended_at: suspendedAt }).where('id', '=', userId).execute()
  await db
    .updateTable('suppliers')
    .set({ status: suspendedAt ? 'suspended' : 'approved', updated_at: nowIso })
    .where('user_id', '=', userId)
    .where('status', '=', suspendedAt ? 'approved' : 'suspended')
    .execute()
}

export async function setUserCommission(db: Database, userId: string, commissionBps: number): Promise<void> {
  await db.updateTable('users').set({ commission_bps: commissionBps }).where('id', '=', userId).execute()
}

// -- the audit log --------------------------------------------------------------------------------------

export function listAuditWithActors(
  db: Database,
  filter: { targetKind?: string; targetId?: string; action?: string; before?: string },
  limit: number,
) {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select([
      'audit_log.id',
      'audit_log.actor_id',
      'users.nickname as actor_nickname',
      'audit_log.action',
      'audit_log.target_kind',
      'audit_log.target_id',
      'audit_log.before',
      'audit_log.after',
      'audit_log.created_at',
    ])
  if (filter.targetKind) q = q.where('audit_log.target_kind', '=', filter.targetKind)
  if (filter.targetId) q = q.where('audit_log.target_id', '=', filter.targetId)
  if (filter.action) q = q.where('audit_log.action', '=', filter.action)
  if (filter.before) q = q.where('audit_log.created_at', '<', filter.before)
  return q.orderBy('audit_log.created_at', 'desc').orderBy('audit_log.id', 'desc').limit(limit).execute()
}

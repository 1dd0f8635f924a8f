import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import type { Database } from '../../db/database'
import type { DB } from '../../db/schema'
import { DealStatus } from '../../../types/api'
import type { Box } from '../../../src/domain'
import type { DealRow } from './deal-view'

/** Deals with their leader's nickname (and a supplier deal's supplier name): the shape `toDealSummary` maps. Narrow it with `.where`. */
export function selectDeals(db: Database) {
  return db
    .selectFrom('deals')
    .innerJoin('users', 'users.id', 'deals.leader_id')
    .leftJoin('suppliers', 'suppliers.id', 'deals.supplier_id')
    .selectAll('deals')
    .select(['users.nickname as leader_nickname', 'suppliers.name as supplier_name'])
}

/** what a shopper narrowed the list to: words typed (already trimmed) and a category chip. */
export interface DealFilter {
  words?: string
  category?: string
}

/** `text` matched literally inside a LIKE pattern: its backslash, % and _ escaped (each pattern says ESCAPE with a backslash). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/**
 * Narrows a query over `deals` to a filter. Words match the title or the product name anywhere,
 * case-insensitively: lower() on both sides and LIKE with an escape, which reads the same on SQLite
 * and PostgreSQL. Not full-text search: SQLite's FTS5 and PostgreSQL's tsvector differ in syntax
 * and tokenising, and neither splits Chinese into words without an extension, while a shopper
 * types a fragment of a product name (草莓, 鸡蛋) that a substring match finds. A town's open deals
 * are a few thousand rows at most, so a scan of them is cheap.
 * (SQLite's lower() folds ASCII only; Chinese has no case, so that is what matters here.)
 */
function matching(filter: DealFilter) {
  return (eb: ExpressionBuilder<DB, 'deals'>) => {
    const conditions: Expression<SqlBool>[] = []
    if (filter.words) {
      const pattern = `%${likeLiteral(filter.words.toLowerCase())}%`
      conditions.push(
        eb.or([
          sql<SqlBool>`lower(${eb.ref('deals.title')}) like ${pattern} escape '\\'`,
          sql<SqlBool>`lower(${eb.ref('deals.product_name')}) like ${pattern} escape '\\'`,
        ]),
      )
    }
    if (filter.category) conditions.push(eb('deals.product_category', '=', filter.category))
    return eb.and(conditions)
  }
}

/** A leader's deal always has its points; a supplier's is sold nowhere until a leader opts a point in. */
function soldSomewhere(eb: ExpressionBuilder<DB, 'deals'>) {
  return eb.or([
    eb('deals.supplier_id', 'is', null),
    eb.exists(eb.selectFrom('deal_pickup_points as dpp').select('dpp.deal_id').whereRef('dpp.deal_id', '=', 'deals.id')),
  ])
}

/** Open deals whose cutoff is still ahead, soonest cutoff first: one page of them (narrowed by `filter`). */
export function listOpenDeals(db: Database, nowIso: string, page: { limit: number; offset: number }, filter: DealFilter = {}): Promise<DealRow[]> {
  return selectDeals(db)
    .where(matching(filter))
    .where('deals.status', '=', DealStatus.open)
    .where('deals.cutoff_at', '>', nowIso)
    .where(soldSomewhere)
    .orderBy('deals.cutoff_at')
    .orderBy('deals.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
}

/**
 * Open deals (soonest cutoff first) shipping to a pickup point inside `box`, or to any point when
 * `box` is null, with the id of each such point: the candidates a nearby search measures.
 */
export function openDealsNear(db: Database, nowIso: string, box: Box | null, filter: DealFilter = {}) {
  let query = db
    .selectFrom('deal_pickup_points')
    .innerJoin('pickup_points', 'pickup_points.id', 'deal_pickup_points.pickup_point_id')
    .innerJoin('deals', 'deals.id', 'deal_pickup_points.deal_id')
    .where(matching(filter))
    .select(['deals.id as deal_id', 'deals.cutoff_at', 'pickup_points.lat', 'pickup_points.lng'])
    .where('deals.status', '=', DealStatus.open)
    .where('deals.cutoff_at', '>', nowIso)
  if (box) {
    query = query
      .where('pickup_points.lat', '>=', box.minLat)
      .where('pickup_points.lat', '<=', box.maxLat)
      .where('pickup_points.lng', '>=', box.minLng)
      .where('pickup_points.lng', '<=', box.maxLng)
  }
  return query.execute()
}

/** the categories of open deals (before their cutoff) with how many each has, the fullest first. */
export function openDealCategories(db: Database, nowIso: string) {
  return db
    .selectFrom('deals')
    .select(['deals.product_category as category', (eb) => eb.fn.countAll<number | string>().as('count')])
    .where('deals.status', '=', DealStatus.open)
    .where('deals.cutoff_at', '>', nowIso)
    .where(soldSomewhere)
    .where('deals.product_category', '<>', '')
    .groupBy('deals.product_category')
    .orderBy('count', 'desc')
    .orderBy('deals.product_category')
    .execute()
}

/** Deals by id, in no particular order (the caller orders them). */
export function findDeals(db: Database, ids: string[]): Promise<DealRow[]> {
  if (ids.length === 0) return Promise.resolve([])
  return selectDeals(db).where('deals.id', 'in', ids).execute()
}

export function findDeal(db: Database, id: string): Promise<DealRow | undefined> {
  return selectDeals(db).where('deals.id', '=', id).executeTakeFirst()
}

/**
 * The pickup points of many deals in one query (no N+1), each row carrying its deal id; in the
 * order the points were created, so "the first point" is stable.
 */
export async function listPointsOfDeals(db: Database, dealIds: string[]) {
  if (dealIds.length === 0) return []
  return db
    .selectFrom('deal_pickup_points')
    .innerJoin('pickup_points', 'pickup_points.id', 'deal_pickup_points.pickup_point_id')
    .selectAll('pickup_points')
    .select('deal_pickup_points.deal_id')
    .where('deal_pickup_points.deal_id', 'in', dealIds)
    .orderBy('pickup_points.created_at')
    .orderBy('pickup_points.id')
    .execute()
}

/** The inviter behind an invite code, only when the code belongs to this deal. */
export function findInviter(db: Database, dealId: string, code: string) {
  return db
    .selectFrom('invites')
    .innerJoin('users', 'users.id', 'invites.user_id')
    .select(['users.id as user_id', 'users.nickname'])
    .where('invites.code', '=', code)
    .where('invites.deal_id', '=', dealId)
    .executeTakeFirst()
}

/** Units one shopper holds in a deal's active orders (0 when she has none): one primary-key read. */
export async function shopperUnits(db: Database, dealId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('deal_participants')
    .select('active_units')
    .where('deal_id', '=', dealId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return Math.max(0, row?.active_units ?? 0)
}

/** A leader's own deals (never a supplier's: those are help-sold, see listHelpSoldDeals), newest first. */
export function listDealsOfLeader(db: Database, leaderId: string): Promise<DealRow[]> {
  return selectDeals(db)
    .where('deals.leader_id', '=', leaderId)
    .where('deals.supplier_id', 'is', null)
    .orderBy('deals.created_at', 'desc')
    .orderBy('deals.id')
    .execute()
}

/** Supplier deals (not drafts) at any of the leader's pickup points: 帮卖, newest first. */
export function listHelpSoldDeals(db: Database, leaderId: string): Promise<DealRow[]> {
  return selectDeals(db)
    .where('deals.supplier_id', 'is not', null)
    .where('deals.status', '!=', DealStatus.draft)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('deal_pickup_points')
          .innerJoin('pickup_points', 'pickup_points.id', 'deal_pickup_points.pickup_point_id')
          .select('deal_pickup_points.deal_id')
          .whereRef('deal_pickup_points.deal_id', '=', 'deals.id')
          .where('pickup_points.leader_id', '=', leaderId),
      ),
    )
    .orderBy('deals.created_at', 'desc')
    .orderBy('deals.id')
    .execute()
}

/** The latest shopper to join (pay for) an order of the deal: the live page's "just joined" line. */
export function latestJoin(db: Database, dealId: string) {
  return db
    .selectFrom('orders')
    .innerJoin('users', 'users.id', 'orders.user_id')
    .select(['users.nickname', 'orders.paid_at'])
    .where('orders.deal_id', '=', dealId)
    .where('orders.paid_at', 'is not', null)
    .orderBy('orders.paid_at', 'desc')
    .limit(1)
    .executeTakeFirst()
}

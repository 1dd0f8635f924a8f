import type { DealDetail, DealSummary, LiveDeal, User } from '../../../types/api'
import { DealStatus } from '../../../types/api'
import { boundingBox, haversineM, isPastCutoff, maskName, maxJoinQuantity, type LatLng } from '../../../src/domain'
import type { AppContext } from '../../http/context'
import { AppError, badRequest, notFound } from '../../http/errors'
import { settleDueDeals, settleIfDue } from '../settlement/settlement.service'
import * as repo from './deals.repository'
import { pointsByDeal, toDealDetail, toDealSummary, type DealRow } from './deal-view'
import type { PickupPointRow } from '../pickup-points/pickup-point-view'
import { ReadCache } from '../../db/read-cache'

/** How many deals a list answers (a screenful and a half of the home screen), unless it asks otherwise. */
export const DEALS_PAGE = 20
/** The most one page may ask for. */
export const DEALS_PAGE_MAX = 60
/** Search radii for nearby deals, widening until a page is found (then: everywhere). */
const NEARBY_RADII_M = [1_500, 5_000, 20_000, 80_000]

/**
 * Open deals a shopper can still join, one page at a time. Without a location: the soonest cutoff
 * first (what is about to close matters most). With one: the deals whose nearest pickup point is
 * closest first — a shopper fetches goods from a point, so her own leader's deals lead — and among
 * equally near deals (one leader's points are shared by her deals) the soonest cutoff first.
 *
 * A town can have thousands of open deals; a nearby search looks at the pickup points within a few
 * kilometres first (an index on their coordinates), widening only while it has found fewer than a
 * page of deals that are surely nearer than anything outside the circle.
 */
export async function listDeals(
  ctx: AppContext,
  location: LatLng | null,
  page: { limit?: number; offset?: number } = {},
  search: { q?: string; category?: string } = {},
): Promise<DealSummary[]> {
  const limit = Math.min(page.limit ?? DEALS_PAGE, DEALS_PAGE_MAX)
  const offset = page.offset ?? 0
  const filter = dealFilter(search)
  // no read ever shows a deal still open past its cutoff: settle what is due first (cheap when nothing is)
  await settleDueDeals(ctx)
  const nowIso = ctx.now().toISOString()
  let rows: DealRow[]
  if (!location) {
    rows = await repo.listOpenDeals(ctx.db, nowIso, { limit, offset }, filter)
  } else {
    const ids = await nearestDealIds(ctx, location, nowIso, offset + limit, filter)
    const byId = new Map((await repo.findDeals(ctx.db, ids.slice(offset))).map((r) => [r.id, r]))
    rows = ids.slice(offset).flatMap((id) => byId.get(id) ?? [])
  }
  const points = pointsByDeal(
    await repo.listPointsOfDeals(
      ctx.db,
      rows.map((r) => r.id),
    ),
  )
  return rows.map((row) => toDealSummary(row, points.get(row.id) ?? [], location))
}

/** The ids of the `want` open deals nearest to `from` (by their nearest point; then soonest cutoff, then id). */
async function nearestDealIds(ctx: AppContext, from: LatLng, nowIso: string, want: number, filter: repo.DealFilter): Promise<string[]> {
  for (const radiusM of [...NEARBY_RADII_M, Number.POSITIVE_INFINITY]) {
    const box = Number.isFinite(radiusM) ? boundingBox(from, radiusM) : null
    const nearest = new Map<string, { distanceM: number; cutoffAt: string }>()
    for (const c of await repo.openDealsNear(ctx.db, nowIso, box, filter)) {
      const distanceM = haversineM(from, c)
      const seen = nearest.get(c.deal_id)
      if (!seen || distanceM < seen.distanceM) nearest.set(c.deal_id, { distanceM, cutoffAt: c.cutoff_at })
    }
    // only deals within the circle are surely in their place: one outside the box could be nearer
    const sure = [...nearest].filter(([, d]) => d.distanceM <= radiusM)
    if (sure.length < want && Number.isFinite(radiusM)) continue
    return sure
      .sort(([aId, a], [bId, b]) => a.distanceM - b.distanceM || a.cutoffAt.localeCompare(b.cutoffAt) || aId.localeCompare(bId))
      .slice(0, want)
      .map(([id]) => id)
  }
  return []
}

/** the most characters a search may have once trimmed (a product name is at most 40). */
export const SEARCH_MAX_CHARS = 40

/** What a shopper typed and tapped, as a filter: the words trimmed, 1 to SEARCH_MAX_CHARS of them. */
function dealFilter(search: { q?: string; category?: string }): repo.DealFilter {
  const filter: repo.DealFilter = {}
  if (search.q !== undefined) {
    const words = search.q.trim()
    if (words.length === 0) throw badRequest('SEARCH_EMPTY', '请输入要搜索的商品名')
    if ([...words].length > SEARCH_MAX_CHARS) {
      throw new AppError(400, 'SEARCH_TOO_LONG', `搜索词最多${SEARCH_MAX_CHARS}个字`, { max: SEARCH_MAX_CHARS })
    }
    filter.words = words
  }
  if (search.category !== undefined) filter.category = search.category
  return filter
}

/**
 * the categories of the deals a shopper can still join, with how many each has (the
 * fullest first), for the chips on home. Deals without a category are left out.
 */
export async function openCategories(ctx: AppContext): Promise<{ category: string; count: number }[]> {
  await settleDueDeals(ctx)
  const rows = await repo.openDealCategories(ctx.db, ctx.now().toISOString())
  return rows.map((r) => ({ category: r.category, count: Number(r.count) }))
}

interface DealRead {
  row: DealRow
  points: PickupPointRow[]
  /** the page as most readers get it (no location, no invite), made once per entry */
  plain?: Readonly<DealDetail>
}

/**
 * The deal page is the hottest read there is: a whole street opens it from one share card. Its rows
 * (deal, leader and pickup points) are kept for a second, dropped by any write this process commits
 * to those tables, and never served as open past the cutoff, so settling on read happens on time.
 */
const dealReads = new ReadCache<DealRead>({
  readsFrom: ['deals', 'users', 'deal_pickup_points', 'pickup_points', 'suppliers'],
  max: 1_000,
  ttlMs: 1_000,
})

async function readDeal(ctx: AppContext, id: string): Promise<DealRead | null> {
  const nowIso = ctx.now().toISOString()
  const cached = dealReads.get(ctx.db, id)
  if (cached && !(cached.row.status === DealStatus.open && cached.row.cutoff_at <= nowIso)) return cached
  let writes = dealReads.writesNow(ctx.db)
  let row = await repo.findDeal(ctx.db, id)
  // no read ever shows a deal still open past its cutoff: settle this one first when it is due, and
  // read it again whoever settled it (another process may have got there first)
  if (row && row.status === DealStatus.open && row.cutoff_at <= nowIso) {
    await settleIfDue(ctx, row)
    writes = dealReads.writesNow(ctx.db)
    row = await repo.findDeal(ctx.db, id)
  }
  if (!row) return null
  const points = pointsByDeal(await repo.listPointsOfDeals(ctx.db, [row.id])).get(row.id) ?? []
  const read: DealRead = { row, points }
  dealReads.set(ctx.db, id, read, writes)
  return read
}

/**
 * One deal, for anyone with the link — except a draft, which only its own leader can see (to
 * everyone else it does not exist). An invite code of this deal names the friend who shared it;
 * an unknown or stale code is ignored rather than spoiling the page. A public deal reads the same for
 * everyone; a signed-in `viewer` also gets her own units and how many more she may buy.
 */
export async function getDeal(
  ctx: AppContext,
  id: string,
  options: { location: LatLng | null; inviteCode?: string; viewer: () => Promise<User | null> },
): Promise<Readonly<DealDetail>> {
  const read = await readDeal(ctx, id)
  if (!read) throw notFound('团购')
  const { row, points } = read
  const viewer = await options.viewer()
  if (row.status === DealStatus.draft && row.leader_id !== viewer?.id) throw notFound('团购')
  const inviter = options.inviteCode ? await repo.findInviter(ctx.db, row.id, options.inviteCode) : undefined
  let detail: Readonly<DealDetail>
  if (!options.location && !inviter) {
    // the same object for every plain read of this entry: made once, not per reader
    read.plain ??= Object.freeze(toDealDetail(row, points, null, null))
    detail = read.plain
  } else {
    detail = toDealDetail(row, points, options.location, inviter ?? null)
  }
  // a deal whose cutoff passed between settling and now is already closed to joining
  const joinable = detail.status === DealStatus.open && !isPastCutoff(detail.cutoffAt, ctx.now())
  if (detail.status === DealStatus.open && !joinable) detail = { ...detail, nextTier: null }
  // the signed-in reader's own part goes on top of the shared object, never into it
  return viewer ? { ...detail, ...(await readerUnits(ctx, row, viewer, joinable)) } : detail
}

/** What the join sheet needs: the units the reader holds, and the most she may still buy (0 once closed). */
async function readerUnits(ctx: AppContext, row: DealRow, viewer: User, joinable: boolean): Promise<{ myUnits: number; maxMoreUnits: number }> {
  const myUnits = await repo.shopperUnits(ctx.db, row.id, viewer.id)
  if (!joinable) return { myUnits, maxMoreUnits: 0 }
  const maxMoreUnits = maxJoinQuantity({
    stockUnits: row.stock_units,
    activeUnits: row.active_units,
    perUserLimit: row.per_user_limit,
    userActiveUnits: myUnits,
  })
  return { myUnits, maxMoreUnits }
}

/** The inviter behind an invite code, only when the code belongs to this deal (for the join). */
export function findInviter(ctx: AppContext, dealId: string, code: string) {
  return repo.findInviter(ctx.db, dealId, code)
}

/** One deal's row as stored (any status), for the features that manage deals. */
export function dealRow(ctx: AppContext, id: string): Promise<DealRow | undefined> {
  return repo.findDeal(ctx.db, id)
}

/** The pickup points of many deals, by deal id. */
export async function pointsOfDeals(ctx: AppContext, dealIds: string[]): Promise<Map<string, PickupPointRow[]>> {
  return pointsByDeal(await repo.listPointsOfDeals(ctx.db, dealIds))
}

/** A leader's own deals (never a supplier's), newest first. */
export function dealsOfLeader(ctx: AppContext, leaderId: string): Promise<DealRow[]> {
  return repo.listDealsOfLeader(ctx.db, leaderId)
}

/** Supplier deals help-sold (帮卖) at the leader's pickup points, newest first. */
export function helpSoldDealsOf(ctx: AppContext, leaderId: string): Promise<DealRow[]> {
  return repo.listHelpSoldDeals(ctx.db, leaderId)
}

/**
 * What a live deal page shows (counts, prices, state and who joined last), for anyone: a draft is
 * not live (it does not exist to the public).
 */
export async function liveDeal(ctx: AppContext, id: string): Promise<LiveDeal> {
  const deal = await getDeal(ctx, id, { location: null, viewer: async () => null })
  const last = deal.count > 0 ? await repo.latestJoin(ctx.db, id) : undefined
  return {
    id: deal.id,
    status: deal.status,
    count: deal.count,
    minToSucceed: deal.minToSucceed,
    currentUnitPriceFen: deal.currentUnitPriceFen,
    nextTier: deal.nextTier,
    stockUnits: deal.stockUnits,
    soldUnits: deal.soldUnits,
    lastJoin: last?.paid_at ? { nickname: maskName(last.nickname), at: last.paid_at } : null,
  }
}

import type { DealDetail, DealSummary, User } from '../../../types/api'
import { DealStatus } from '../../../types/api'
import type { LatLng } from '../../../src/domain'
import type { AppContext } from '../../http/context'
import { notFound } from '../../http/errors'
import { settleDueDeals, settleIfDue } from '../settlement/settlement.service'
import * as repo from './deals.repository'
import { pointsByDeal, toDealDetail, toDealSummary, type DealRow } from './deal-view'
import type { PickupPointRow } from '../pickup-points/pickup-point-view'
import { ReadCache } from '../../db/read-cache'

/**
 * Open deals a shopper can still join. Without a location: the soonest cutoff first (what is about
 * to close matters most). With one: the deals whose nearest pickup point is closest first — a
 * shopper fetches goods from a point, so her own leader's deals lead — and among equally near
 * deals (one leader's points are shared by her deals) the soonest cutoff first.
 */
export async function listDeals(ctx: AppContext, location: LatLng | null): Promise<DealSummary[]> {
  // no read ever shows a deal still open past its cutoff: settle what is due first (cheap when nothing is)
  await settleDueDeals(ctx)
  const rows = await repo.listOpenDeals(ctx.db, ctx.now().toISOString())
  const points = pointsByDeal(await repo.listPointsOfDeals(ctx.db, rows.map((r) => r.id)))
  const deals = rows.map((row) => toDealSummary(row, points.get(row.id) ?? [], location))
  if (location) {
    const far = (d: DealSummary) => d.nearestPickupPoint?.distanceM ?? Number.POSITIVE_INFINITY
    // stable sort: rows already come soonest cutoff first
    deals.sort((a, b) => far(a) - far(b))
  }
  return deals
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
  readsFrom: ['deals', 'users', 'deal_pickup_points', 'pickup_points'],
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
 * an unknown or stale code is ignored rather than spoiling the page. `viewer` is asked only for a
 * draft (a public deal reads the same for everyone).
 */
export async function getDeal(
  ctx: AppContext,
  id: string,
  options: { location: LatLng | null; inviteCode?: string; viewer: () => Promise<User | null> },
): Promise<Readonly<DealDetail>> {
  const read = await readDeal(ctx, id)
  if (!read) throw notFound('团购')
  const { row, points } = read
  if (row.status === DealStatus.draft && row.leader_id !== (await options.viewer())?.id) throw notFound('团购')
  const inviter = options.inviteCode ? await repo.findInviter(ctx.db, row.id, options.inviteCode) : undefined
  let detail: Readonly<DealDetail>
  if (!options.location && !inviter) {
    // the same object for every plain read of this entry: the route keeps its JSON text with it
    read.plain ??= Object.freeze(toDealDetail(row, points, null, null))
    detail = read.plain
  } else {
    detail = toDealDetail(row, points, options.location, inviter ?? null)
  }
  // a deal whose cutoff passed between settling and now is already closed to joining
  if (detail.status === DealStatus.open && Date.parse(detail.cutoffAt) <= ctx.now().getTime()) return { ...detail, nextTier: null }
  return detail
}

import type { DealDetail, DealSummary, User } from '../../../types/api'
import { DealStatus } from '../../../types/api'
import type { LatLng } from '../../../src/domain'
import type { AppContext } from '../../http/context'
import { notFound } from '../../http/errors'
import { settleDueDeals, settleIfDue } from '../settlement/settlement.service'
import * as repo from './deals.repository'
import { pointsByDeal, toDealDetail, toDealSummary } from './deal-view'

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

/**
 * One deal, for anyone with the link — except a draft, which only its own leader can see (to
 * everyone else it does not exist). An invite code of this deal names the friend who shared it;
 * an unknown or stale code is ignored rather than spoiling the page.
 */
export async function getDeal(
  ctx: AppContext,
  id: string,
  options: { location: LatLng | null; inviteCode?: string; viewer: User | null },
): Promise<DealDetail> {
  let row = await repo.findDeal(ctx.db, id)
  // no read ever shows a deal still open past its cutoff: settle this one first when it is due, and
  // read it again whoever settled it (another process may have got there first)
  if (row && row.status === DealStatus.open && row.cutoff_at <= ctx.now().toISOString()) {
    await settleIfDue(ctx, row)
    row = await repo.findDeal(ctx.db, id)
  }
  if (!row) throw notFound('团购')
  if (row.status === DealStatus.draft && row.leader_id !== options.viewer?.id) throw notFound('团购')
  const points = pointsByDeal(await repo.listPointsOfDeals(ctx.db, [row.id])).get(row.id) ?? []
  const inviter = options.inviteCode ? await repo.findInviter(ctx.db, row.id, options.inviteCode) : undefined
  const detail = toDealDetail(row, points, options.location, inviter ?? null)
  // a deal whose cutoff passed between settling and now is already closed to joining
  if (detail.status === DealStatus.open && Date.parse(detail.cutoffAt) <= ctx.now().getTime()) detail.nextTier = null
  return detail
}

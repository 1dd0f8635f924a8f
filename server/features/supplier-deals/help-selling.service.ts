import type { HelpSellingPoint, LeaderSupplierDeal, User } from '../../../types/api'
import { DealStatus } from '../../../types/api'
import { isPastCutoff } from '../../../src/domain'
import type { AppContext } from '../../http/context'
import { AppError, conflict, notFound } from '../../http/errors'
import { toDealSummary, type DealRow } from '../deals/deal-view'
import { dealRow, pointsOfDeals } from '../deals/deals.service'
import { assertNotSuspended } from '../admin/admin.service'
import { lockDeal } from '../orders/holds'
import { settleDueDeals, settleIfDue } from '../settlement/settlement.service'
import * as repo from './supplier-deals.repository'

/**
 * Help-selling (帮卖): a leader opts her own pickup points into a supplier's open deal, and out
 * again while no orders are there. Tiers, the minimum and the stock cap count across every point
 * together (they are the one deal's row); each order belongs to its point's leader.
 *
 * Opting in or out takes the deal's row lock, as every join does; a join of a supplier deal reads
 * its points again behind that lock (orders/join-queue.ts), so no order lands at a point that left.
 */

const dealNotOpen = () => conflict('DEAL_NOT_OPEN', '这个团购已截单或已结束，不能再加入或退出自提点')

/** A supplier's published deal, or 404 (a draft, or a leader's own deal, is not on offer). */
async function supplierDeal(ctx: AppContext, id: string): Promise<DealRow> {
  const row = await dealRow(ctx, id)
  if (!row || !row.supplier_id || row.status === DealStatus.draft) throw notFound('团购')
  return row
}

/** One of the leader's own points: 404 when there is no such point, 403 when it is someone else's. */
async function ownPoint(ctx: AppContext, leader: User, pointId: string) {
  const point = await repo.findPoint(ctx.db, pointId)
  if (!point) throw notFound('自提点')
  if (point.leader_id !== leader.id) throw new AppError(403, 'NOT_OWN_POINT', '只能用您自己的自提点参与帮卖')
  return point
}

/** The deals as the leader sees them: the town's counts, her points in or out, and what was bought at each. */
async function views(ctx: AppContext, leader: User, rows: DealRow[]): Promise<LeaderSupplierDeal[]> {
  const ids = rows.map((r) => r.id)
  const [points, counts, mine] = await Promise.all([
    pointsOfDeals(ctx, ids),
    repo.pointsWithCounts(ctx.db, ids),
    repo.pointsOfLeader(ctx.db, leader.id),
  ])
  const now = ctx.now()
  return rows.map((row) => {
    const open = row.status === DealStatus.open && !isPastCutoff(row.cutoff_at, now)
    const here = counts.filter((c) => c.deal_id === row.id)
    const myPoints: HelpSellingPoint[] = mine.map((p) => {
      const c = here.find((h) => h.id === p.id)
      const orders = c ? Number(c.orders) : 0
      return {
        id: p.id,
        name: p.name,
        optedIn: c !== undefined,
        orders,
        units: c ? Number(c.units) : 0,
        canOptOut: c !== undefined && open && orders === 0,
      }
    })
    const own = (points.get(row.id) ?? []).filter((p) => p.leader_id === leader.id)
    return {
      ...toDealSummary(row, own),
      commissionBps: row.commission_bps ?? 0,
      deliveryDate: row.delivery_date ?? '',
      myPoints,
      pointCount: here.length,
    }
  })
}

/** `GET /leader/supplier-deals`: supplier deals on offer (open, before cutoff), soonest cutoff first. */
export async function onOffer(ctx: AppContext, leader: User): Promise<LeaderSupplierDeal[]> {
  await settleDueDeals(ctx)
  return views(ctx, leader, await repo.openSupplierDeals(ctx.db, ctx.now().toISOString()))
}

async function one(ctx: AppContext, leader: User, id: string): Promise<LeaderSupplierDeal> {
  const [view] = await views(ctx, leader, [(await dealRow(ctx, id))!])
  return view
}

/** Opt my point in: only my own point, only while the deal is open, not twice. */
export async function optIn(ctx: AppContext, leader: User, dealId: string, pointId: string): Promise<LeaderSupplierDeal> {
  // a leader the operator suspended takes on no new deals (403 ACCOUNT_SUSPENDED)
  await assertNotSuspended(ctx, leader.id)
  const row = await supplierDeal(ctx, dealId)
  await ownPoint(ctx, leader, pointId)
  await settleIfDue(ctx, row)
  const nowIso = ctx.now().toISOString()
  await ctx.db.transaction().execute(async (trx) => {
    const deal = await lockDeal(trx, dealId)
    if (!deal || deal.status !== DealStatus.open || isPastCutoff(deal.cutoff_at, ctx.now())) throw dealNotOpen()
    if (await repo.isOptedIn(trx, dealId, pointId)) throw conflict('ALREADY_OPTED_IN', '这个自提点已经在帮卖这个团购了')
    await repo.optIn(trx, dealId, pointId, leader.id, nowIso)
  })
  return one(ctx, leader, dealId)
}

/** Opt my point out: while the deal is open and no orders are there (409 POINT_HAS_ORDERS). */
export async function optOut(ctx: AppContext, leader: User, dealId: string, pointId: string): Promise<LeaderSupplierDeal> {
  const row = await supplierDeal(ctx, dealId)
  await ownPoint(ctx, leader, pointId)
  await settleIfDue(ctx, row)
  await ctx.db.transaction().execute(async (trx) => {
    const deal = await lockDeal(trx, dealId)
    if (!(await repo.isOptedIn(trx, dealId, pointId))) throw notFound('帮卖的自提点')
    if (!deal || deal.status !== DealStatus.open || isPastCutoff(deal.cutoff_at, ctx.now())) throw dealNotOpen()
    if (await repo.hasOrdersAt(trx, dealId, pointId)) throw conflict('POINT_HAS_ORDERS', '这个自提点已有订单，不能退出帮卖')
    await repo.optOut(trx, dealId, pointId)
  })
  return one(ctx, leader, dealId)
}

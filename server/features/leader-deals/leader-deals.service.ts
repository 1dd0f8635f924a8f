import type { DealDetail, DealInput, DealPatch, DealSummary, User } from '../../../types/api'
import { DealStatus, OrderStatus } from '../../../types/api'
import { OrderEvent, maskName, nextOrderStatus, validateDealInput } from '../../../src/domain'
import { leaderZhCN as zhCN } from '../../../src/i18n/leader/zh-CN'
import type { AppContext } from '../../http/context'
import { badRequest, conflict, notFound } from '../../http/errors'
import { newId } from '../../http/ids'
import { toDealDetail, toDealSummary, type DealRow } from '../deals/deal-view'
import { dealRow, dealsOfLeader, helpSoldDealsOf, pointsOfDeals } from '../deals/deals.service'
import { settleDueDeals, settleIfDue } from '../settlement/settlement.service'
import * as repo from './leader-deals.repository'
import { onGoodsArrived } from '../notifications/notifications.service'
import { assertNotSuspended } from '../admin/admin.service'
import { cancelDeal, draftRow, mergeTerms, notDraft, publishDraft, termsColumns, termsError } from './deal-terms'

/**
 * The deal's rules (the domain's validateDealInput, the very check the leader's form makes), for a
 * new draft and again after every edit; then that the pickup points are the leader's own.
 * Returns the row's columns.
 */
async function checkInput(ctx: AppContext, leader: User, input: DealInput) {
  const [problem] = validateDealInput(input, ctx.now())
  if (problem) throw termsError(problem)
  const ids = [...new Set(input.pickupPointIds)]
  const own = await repo.ownPointIds(ctx.db, leader.id, ids)
  if (own.size !== ids.length) throw badRequest('INVALID_PICKUP_POINTS', zhCN['dealInput.NOT_OWN_POINTS'])
  return { columns: termsColumns(input), pointIds: ids }
}

/**
 * The leader's own deal (any status), or 404: another leader's deals do not exist for them, and
 * neither does a supplier's deal here (its supplier manages it under /supplier/deals).
 */
async function ownDeal(ctx: AppContext, leader: User, id: string) {
  const row = await dealRow(ctx, id)
  if (!row || row.leader_id !== leader.id || row.supplier_id) throw notFound('团购')
  return row
}

/**
 * A deal the leader reads and hands out: her own, or a supplier's deal (帮卖, published) at one of
 * her pickup points. An order belongs to its pickup point's leader, so on a supplier deal she sees
 * and serves her points only (`points`); on her own deal, all of its points (they are all hers).
 */
async function servedDeal(ctx: AppContext, leader: User, id: string): Promise<{ row: DealRow; points: string[] | null }> {
  const row = await dealRow(ctx, id)
  if (row && !row.supplier_id && row.leader_id === leader.id) return { row, points: null }
  if (!row || !row.supplier_id || row.status === DealStatus.draft) throw notFound('团购')
  const dealPoints = (await repo.dealPointIds(ctx.db, id)).map((p) => p.pickup_point_id)
  const mine = dealPoints.length === 0 ? new Set<string>() : await repo.ownPointIds(ctx.db, leader.id, dealPoints)
  if (mine.size === 0) throw notFound('团购')
  return { row, points: [...mine] }
}

async function detail(ctx: AppContext, id: string): Promise<DealDetail> {
  const row = (await dealRow(ctx, id))!
  const points = (await pointsOfDeals(ctx, [id])).get(id) ?? []
  return toDealDetail(row, points)
}

export async function createDraft(ctx: AppContext, leader: User, input: DealInput): Promise<DealDetail> {
  // a leader the operator suspended opens and publishes nothing (403 ACCOUNT_SUSPENDED)
  await assertNotSuspended(ctx, leader.id)
  const { columns, pointIds } = await checkInput(ctx, leader, input)
  const id = newId()
  const nowIso = ctx.now().toISOString()
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertDeal(trx, draftRow(id, leader.id, columns, {}, nowIso))
    await repo.setDealPoints(trx, id, pointIds)
  })
  return detail(ctx, id)
}

export async function editDraft(ctx: AppContext, leader: User, id: string, patch: DealPatch): Promise<DealDetail> {
  const row = await ownDeal(ctx, leader, id)
  if (row.status !== DealStatus.draft) throw notDraft()
  const current = toDealDetail(row, (await pointsOfDeals(ctx, [id])).get(id) ?? [])
  const merged: DealInput = {
    pickupPointIds: (await repo.dealPointIds(ctx.db, id)).map((p) => p.pickup_point_id),
    ...mergeTerms(current, patch),
  }
  const { columns, pointIds } = await checkInput(ctx, leader, merged)
  const nowIso = ctx.now().toISOString()
  const changed = await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateDealIn(trx, id, DealStatus.draft, { ...columns, updated_at: nowIso }))) return false
    await repo.setDealPoints(trx, id, pointIds)
    return true
  })
  if (!changed) throw notDraft()
  return detail(ctx, id)
}

export async function publish(ctx: AppContext, leader: User, id: string): Promise<DealDetail> {
  await assertNotSuspended(ctx, leader.id)
  await publishDraft(ctx, await ownDeal(ctx, leader, id))
  return detail(ctx, id)
}

/** A leader calls a deal off before cutoff: unpaid orders expire, paid ones are refunded in full. */
export async function cancel(ctx: AppContext, leader: User, id: string): Promise<DealDetail> {
  await cancelDeal(ctx, await ownDeal(ctx, leader, id))
  return detail(ctx, id)
}

/**
 * The leader's deals: her own (never a supplier's), and apart, the supplier deals help-sold (帮卖) at
 * her points — those show the whole town's counts, each with her points only.
 */
export async function listOwn(ctx: AppContext, leader: User): Promise<{ deals: DealSummary[]; helpSold: DealSummary[] }> {
  await settleDueDeals(ctx)
  const [rows, helped] = await Promise.all([dealsOfLeader(ctx, leader.id), helpSoldDealsOf(ctx, leader.id)])
  const points = await pointsOfDeals(
    ctx,
    [...rows, ...helped].map((r) => r.id),
  )
  const own = (dealId: string) => (points.get(dealId) ?? []).filter((p) => p.leader_id === leader.id)
  return {
    deals: rows.map((row) => toDealSummary(row, points.get(row.id) ?? [])),
    helpSold: helped.map((row) => toDealSummary(row, own(row.id))),
  }
}

/** One of her deals, or a supplier deal at her points (with her points only). */
export async function getOwn(ctx: AppContext, leader: User, id: string): Promise<DealDetail> {
  const { row, points } = await servedDeal(ctx, leader, id)
  await settleIfDue(ctx, row)
  if (!points) return detail(ctx, id)
  const fresh = (await dealRow(ctx, id))!
  const all = (await pointsOfDeals(ctx, [id])).get(id) ?? []
  return toDealDetail(
    fresh,
    all.filter((p) => points.includes(p.id)),
  )
}

/** The deal's orders (masked names): on a supplier deal, those at her points only. */
export async function ordersOf(ctx: AppContext, leader: User, id: string) {
  const { row, points } = await servedDeal(ctx, leader, id)
  await settleIfDue(ctx, row)
  const rows = await repo.ordersOfDeal(ctx.db, id, points)
  return rows.map((o) => ({
    id: o.id,
    shopper: maskName(o.nickname),
    quantity: o.quantity,
    status: o.status,
    pickupPoint: { id: o.point_id, name: o.point_name },
    unitPriceFen: o.unit_price_fen,
    finalUnitPriceFen: o.final_unit_price_fen,
    paidFen: o.paid_fen,
    refundFen: o.refund_fen,
    invited: o.inviter_id !== null,
    createdAt: o.created_at,
    paidAt: o.paid_at,
    pickedUpAt: o.picked_up_at,
  }))
}

/**
 * Goods reached a pickup point: its confirmed orders become ready (shoppers can come). Marking the
 * same point twice changes nothing.
 */
export async function markArrived(ctx: AppContext, leader: User, id: string, pointId: string) {
  const { row, points: mine } = await servedDeal(ctx, leader, id)
  await settleIfDue(ctx, row)
  const deal = (await dealRow(ctx, id))!
  if (deal.status !== DealStatus.succeeded) throw conflict('DEAL_NOT_SUCCEEDED', '只有已成团的团购可以登记到货')
  const points = mine ?? (await repo.dealPointIds(ctx.db, id)).map((p) => p.pickup_point_id)
  if (!points.includes(pointId)) throw badRequest('PICKUP_POINT_NOT_IN_DEAL', '这个团购不送到该自提点')
  const nowIso = ctx.now().toISOString()
  const ready = nextOrderStatus(OrderStatus.confirmed, OrderEvent.arrive)
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertArrival(trx, id, pointId, nowIso)
    await repo.markReady(trx, id, pointId, ready, nowIso)
    // 到货: shoppers told, WeChat payments reported shipped as self-pickup (both via the outbox)
    await onGoodsArrived(trx, id, pointId, nowIso)
  })
  const arrival = (await repo.findArrival(ctx.db, id, pointId))!
  return {
    dealId: id,
    pickupPointId: pointId,
    arrivedAt: arrival.arrived_at,
    readyOrders: await repo.countAtPoint(ctx.db, id, pointId, ready),
  }
}

import type { DealDetail, DealInput, DealPatch, DealSummary, Tier, User } from '../../../types/api'
import { DealStatus, OrderStatus } from '../../../types/api'
import {
  DealEvent,
  IllegalTransitionError,
  OrderEvent,
  maskName,
  nextDealStatus,
  nextOrderStatus,
  readInstant,
  validateDealInput,
  type DealInputCode,
  type DealInputProblem,
} from '../../../src/domain'
import { leaderZhCN as zhCN } from '../../../src/i18n/leader/zh-CN'
import type { DealsTable } from '../../db/schema'
import type { AppContext } from '../../http/context'
import { badRequest, conflict, notFound } from '../../http/errors'
import { newId } from '../../http/ids'
import { toDealDetail, toDealSummary } from '../deals/deal-view'
import { dealRow, dealsOfLeader, pointsOfDeals } from '../deals/deals.service'
import { lockDeal } from '../orders/holds'
import { closeWithFullRefunds, refundSoon, settleDueDeals, settleIfDue } from '../settlement/settlement.service'
import * as repo from './leader-deals.repository'
import { onGoodsArrived } from '../notifications/notifications.service'

// read as the domain reads it (a time without a zone is UTC); checked readable before use
const iso = (text: string) => new Date(readInstant(text)!).toISOString()

/** The public error code of each input problem (the app words it; the message is a Chinese fallback). */
const ERROR_CODE: Record<DealInputCode, string> = {
  NAME_MISSING: 'VALIDATION_FAILED',
  SPEC_MISSING: 'VALIDATION_FAILED',
  LIST_PRICE_INVALID: 'VALIDATION_FAILED',
  INVALID_TIERS: 'INVALID_TIERS',
  MIN_NOT_POSITIVE: 'VALIDATION_FAILED',
  STOCK_NOT_POSITIVE: 'VALIDATION_FAILED',
  LIMIT_NOT_POSITIVE: 'VALIDATION_FAILED',
  MIN_ABOVE_STOCK: 'VALIDATION_FAILED',
  // a deal that could never gather its minimum of people
  MIN_PEOPLE_ABOVE_STOCK: 'DEAL_CANNOT_SUCCEED',
  TIME_UNREADABLE: 'VALIDATION_FAILED',
  CUTOFF_IN_PAST: 'CUTOFF_IN_PAST',
  PICKUP_BEFORE_CUTOFF: 'INVALID_PICKUP_WINDOW',
  PICKUP_END_NOT_AFTER_START: 'INVALID_PICKUP_WINDOW',
  NO_PICKUP_POINTS: 'INVALID_PICKUP_POINTS',
}

const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))

/** The Chinese fallback message of a problem, in the leader console's own words (src/i18n/leader/zh-CN.ts). */
function fallbackMessage(problem: DealInputProblem): string {
  if (!problem.tiers) return zhCN[`dealInput.${problem.code}`]
  const each = problem.tiers.map((p) => {
    const words = zhCN[`tierProblem.${p.code}`]
    return p.index >= 0 ? fill(zhCN['tierProblem.at'], { n: p.index + 1, problem: words }) : words
  })
  return fill(zhCN['tierProblem.all'], { problems: each.join(zhCN['tierProblem.separator']) })
}

/**
 * The deal's rules (the domain's validateDealInput, the very check the leader's form makes), for a
 * new draft and again after every edit; then that the pickup points are the leader's own.
 * Returns the row's columns.
 */
async function checkInput(ctx: AppContext, leader: User, input: DealInput) {
  const [problem] = validateDealInput(input, ctx.now())
  if (problem) throw badRequest(ERROR_CODE[problem.code], fallbackMessage(problem))
  const cutoff = iso(input.cutoffAt)
  const start = iso(input.pickupStart)
  const end = iso(input.pickupEnd)
  const ids = [...new Set(input.pickupPointIds)]
  const own = await repo.ownPointIds(ctx.db, leader.id, ids)
  if (own.size !== ids.length) throw badRequest('INVALID_PICKUP_POINTS', zhCN['dealInput.NOT_OWN_POINTS'])
  const columns = {
    title: input.title.trim(),
    product_name: input.product.name.trim(),
    product_spec: input.product.spec.trim(),
    product_description: input.product.description ?? '',
    product_images: JSON.stringify(input.product.images ?? []),
    product_category: input.product.category ?? '',
    list_price_fen: input.listPriceFen,
    tier_basis: input.tierBasis,
    tiers: JSON.stringify(input.tiers.map((t: Tier) => ({ threshold: t.threshold, unitPriceFen: t.unitPriceFen }))),
    min_to_succeed: input.minToSucceed,
    stock_units: input.stockUnits ?? null,
    per_user_limit: input.perUserLimit ?? null,
    cutoff_at: cutoff,
    pickup_start: start,
    pickup_end: end,
  }
  return { columns, pointIds: ids }
}

/** The leader's own deal (any status), or 404: another leader's deals do not exist for them. */
async function ownDeal(ctx: AppContext, leader: User, id: string) {
  const row = await dealRow(ctx, id)
  if (!row || row.leader_id !== leader.id) throw notFound('团购')
  return row
}

async function detail(ctx: AppContext, id: string): Promise<DealDetail> {
  const row = (await dealRow(ctx, id))!
  const points = (await pointsOfDeals(ctx, [id])).get(id) ?? []
  return toDealDetail(row, points)
}

export async function createDraft(ctx: AppContext, leader: User, input: DealInput): Promise<DealDetail> {
  const { columns, pointIds } = await checkInput(ctx, leader, input)
  const id = newId()
  const nowIso = ctx.now().toISOString()
  await ctx.db.transaction().execute(async (trx) => {
    const row: DealsTable = {
      id,
      leader_id: leader.id,
      status: DealStatus.draft,
      ...columns,
      active_units: 0,
      participant_count: 0,
      created_at: nowIso,
      updated_at: nowIso,
      published_at: null,
      settled_at: null,
      final_unit_price_fen: null,
      completed_at: null,
    }
    await repo.insertDeal(trx, row)
    await repo.setDealPoints(trx, id, pointIds)
  })
  return detail(ctx, id)
}

const notDraft = () => conflict('DEAL_NOT_DRAFT', '只有草稿状态的团购可以修改或发布')

export async function editDraft(ctx: AppContext, leader: User, id: string, patch: DealPatch): Promise<DealDetail> {
  const row = await ownDeal(ctx, leader, id)
  if (row.status !== DealStatus.draft) throw notDraft()
  const current = toDealDetail(row, (await pointsOfDeals(ctx, [id])).get(id) ?? [])
  const merged: DealInput = {
    title: current.title,
    listPriceFen: current.listPriceFen,
    tierBasis: current.tierBasis,
    tiers: current.tiers,
    minToSucceed: current.minToSucceed,
    stockUnits: current.stockUnits,
    perUserLimit: current.perUserLimit,
    cutoffAt: current.cutoffAt,
    pickupStart: current.pickupStart,
    pickupEnd: current.pickupEnd,
    pickupPointIds: (await repo.dealPointIds(ctx.db, id)).map((p) => p.pickup_point_id),
    ...patch,
    product: { ...current.product, ...(patch.product ?? {}) },
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
  const row = await ownDeal(ctx, leader, id)
  let status: DealStatus
  try {
    status = nextDealStatus(row.status, DealEvent.publish)
  } catch (error) {
    if (error instanceof IllegalTransitionError) throw notDraft()
    throw error
  }
  const nowIso = ctx.now().toISOString()
  if (row.cutoff_at <= nowIso) throw conflict('CUTOFF_IN_PAST', '截单时间已过，请先修改截单时间再发布')
  const published = await repo.updateDealIn(ctx.db, id, DealStatus.draft, { status, published_at: nowIso, updated_at: nowIso })
  if (!published) throw notDraft()
  return detail(ctx, id)
}

/** A leader calls a deal off before cutoff: unpaid orders expire, paid ones are refunded in full. */
export async function cancel(ctx: AppContext, leader: User, id: string): Promise<DealDetail> {
  const row = await ownDeal(ctx, leader, id)
  await settleIfDue(ctx, row)
  const nowIso = ctx.now().toISOString()
  const done = await ctx.db.transaction().execute(async (trx) => {
    const deal = await lockDeal(trx, id)
    if (!deal) return false
    if (deal.status === DealStatus.open && deal.cutoff_at <= nowIso) return false
    if (deal.status !== DealStatus.open && deal.status !== DealStatus.draft) return false
    const status = nextDealStatus(deal.status, DealEvent.cancel)
    return closeWithFullRefunds(trx, id, status, 'deal_cancelled', nowIso)
  })
  if (!done) throw conflict('DEAL_NOT_CANCELLABLE', '已截单的团购不能取消')
  await refundSoon(ctx)
  return detail(ctx, id)
}

export async function listOwn(ctx: AppContext, leader: User): Promise<DealSummary[]> {
  await settleDueDeals(ctx)
  const rows = await dealsOfLeader(ctx, leader.id)
  const points = await pointsOfDeals(
    ctx,
    rows.map((r) => r.id),
  )
  return rows.map((row) => toDealSummary(row, points.get(row.id) ?? []))
}

export async function getOwn(ctx: AppContext, leader: User, id: string): Promise<DealDetail> {
  const row = await ownDeal(ctx, leader, id)
  await settleIfDue(ctx, row)
  return detail(ctx, id)
}

export async function ordersOf(ctx: AppContext, leader: User, id: string) {
  const row = await ownDeal(ctx, leader, id)
  await settleIfDue(ctx, row)
  const rows = await repo.ordersOfDeal(ctx.db, id)
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
  const row = await ownDeal(ctx, leader, id)
  await settleIfDue(ctx, row)
  const deal = (await dealRow(ctx, id))!
  if (deal.status !== DealStatus.succeeded) throw conflict('DEAL_NOT_SUCCEEDED', '只有已成团的团购可以登记到货')
  const points = (await repo.dealPointIds(ctx.db, id)).map((p) => p.pickup_point_id)
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

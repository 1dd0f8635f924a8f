import type { DealDetail, SupplierDeal, SupplierDealInput, SupplierDealPatch, SupplierDealPoint, SupplierDealSummary, User } from '../../../types/api'
import { DealStatus } from '../../../types/api'
import { SupplierDealCode, validateSupplierDealInput, type SupplierDealProblem } from '../../../src/domain'
import type { AppContext } from '../../http/context'
import { badRequest, notFound, type AppError } from '../../http/errors'
import { newId } from '../../http/ids'
import { toDealDetail, toDealSummary, type DealRow } from '../deals/deal-view'
import { dealRow, pointsOfDeals } from '../deals/deals.service'
import { cancelDeal, draftRow, mergeTerms, notDraft, publishDraft, termsColumns, termsError } from '../leader-deals/deal-terms'
import * as leaderDeals from '../leader-deals/leader-deals.repository'
import { settleDueDeals, settleIfDue } from '../settlement/settlement.service'
import { activeSupplierOf, supplierOf } from '../suppliers/suppliers.service'
import type { SupplierRow } from '../suppliers/suppliers.repository'
import * as repo from './supplier-deals.repository'

/**
 * A supplier's deals (供货商): written, published and called off as a leader's are (the same
 * domain rules and the same pieces, ../leader-deals/deal-terms.ts), but with no pickup points of
 * their own — leaders opt theirs in (help-selling.service.ts). The deal's row belongs to the
 * supplier's person (deals.leader_id) and names the supplier (deals.supplier_id).
 */

/** A supplier deal's own problems as the 400 the app reads; the terms' problems as a leader's deal's. */
function problemError(problem: SupplierDealProblem): AppError {
  switch (problem.code) {
    case SupplierDealCode.commissionInvalid:
      return badRequest('INVALID_COMMISSION', '佣金比例须在 0% 到 30% 之间')
    case SupplierDealCode.deliveryBeforeCutoff:
      return badRequest('INVALID_DELIVERY_DATE', '送货日期不能早于截单日期')
    case SupplierDealCode.deliveryDateUnreadable:
      return badRequest('INVALID_DELIVERY_DATE', '送货日期格式有误，如 2026-12-04')
    default:
      return termsError(problem)
  }
}

function checkInput(ctx: AppContext, input: SupplierDealInput) {
  const [problem] = validateSupplierDealInput(input, ctx.now())
  if (problem) throw problemError(problem)
  return { ...termsColumns(input), commission_bps: input.commissionBps, delivery_date: input.deliveryDate }
}

/** The supplier's own deal, or 404: another supplier's deals do not exist for it. */
async function ownDeal(ctx: AppContext, supplier: SupplierRow, id: string): Promise<DealRow> {
  const row = await dealRow(ctx, id)
  if (!row || row.supplier_id !== supplier.id) throw notFound('团购')
  return row
}

type PointCountRow = Awaited<ReturnType<typeof repo.pointsWithCounts>>[number]

function toPoint(row: PointCountRow): SupplierDealPoint {
  return {
    pickupPoint: { id: row.id, name: row.name, address: row.address, lat: Number(row.lat), lng: Number(row.lng) },
    leader: { id: row.leader_id, nickname: row.leader_nickname, phone: row.leader_phone },
    optedInAt: row.opted_in_at ?? null,
    orders: Number(row.orders),
    units: Number(row.units),
  }
}

const facts = (row: DealRow) => ({ commissionBps: row.commission_bps ?? 0, deliveryDate: row.delivery_date ?? '' })

async function detail(ctx: AppContext, id: string): Promise<SupplierDeal> {
  const row = (await dealRow(ctx, id))!
  const [points, counts] = await Promise.all([pointsOfDeals(ctx, [id]), repo.pointsWithCounts(ctx.db, [id])])
  const deal: DealDetail = toDealDetail(row, points.get(id) ?? [])
  return { ...deal, ...facts(row), points: counts.map(toPoint) }
}

export async function createDraft(ctx: AppContext, user: User, input: SupplierDealInput): Promise<SupplierDeal> {
  const supplier = await activeSupplierOf(ctx, user)
  const columns = checkInput(ctx, input)
  const id = newId()
  await leaderDeals.insertDeal(ctx.db, draftRow(id, user.id, columns, { supplier_id: supplier.id }, ctx.now().toISOString()))
  return detail(ctx, id)
}

export async function editDraft(ctx: AppContext, user: User, id: string, patch: SupplierDealPatch): Promise<SupplierDeal> {
  const supplier = await supplierOf(ctx, user)
  const row = await ownDeal(ctx, supplier, id)
  if (row.status !== DealStatus.draft) throw notDraft()
  const merged: SupplierDealInput = { ...facts(row), ...mergeTerms(toDealDetail(row, []), patch) }
  const columns = checkInput(ctx, merged)
  if (!(await leaderDeals.updateDealIn(ctx.db, id, DealStatus.draft, { ...columns, updated_at: ctx.now().toISOString() }))) throw notDraft()
  return detail(ctx, id)
}

/** Published to the town: leaders may opt their points in. A suspended supplier publishes nothing. */
export async function publish(ctx: AppContext, user: User, id: string): Promise<SupplierDeal> {
  const supplier = await activeSupplierOf(ctx, user)
  await publishDraft(ctx, await ownDeal(ctx, supplier, id))
  return detail(ctx, id)
}

/** Called off before cutoff: unpaid orders expire, paid ones (at every point) are refunded in full. */
export async function cancel(ctx: AppContext, user: User, id: string): Promise<SupplierDeal> {
  const supplier = await supplierOf(ctx, user)
  await cancelDeal(ctx, await ownDeal(ctx, supplier, id))
  return detail(ctx, id)
}

export async function getOwn(ctx: AppContext, user: User, id: string): Promise<SupplierDeal> {
  const supplier = await supplierOf(ctx, user)
  await settleIfDue(ctx, await ownDeal(ctx, supplier, id))
  return detail(ctx, id)
}

export async function listOwn(ctx: AppContext, user: User): Promise<SupplierDealSummary[]> {
  const supplier = await supplierOf(ctx, user)
  await settleDueDeals(ctx)
  const rows = await repo.dealsOfSupplier(ctx.db, supplier.id)
  const ids = rows.map((r) => r.id)
  const [points, counts] = await Promise.all([pointsOfDeals(ctx, ids), repo.pointsWithCounts(ctx.db, ids)])
  return rows.map((row) => {
    const mine = counts.filter((c) => c.deal_id === row.id)
    return {
      ...toDealSummary(row, points.get(row.id) ?? []),
      ...facts(row),
      pointCount: mine.length,
      orderCount: mine.reduce((n, c) => n + Number(c.orders), 0),
    }
  })
}

import type { DealDetail, Tier } from '../../../types/api'
import { DealStatus } from '../../../types/api'
import {
  DealEvent,
  IllegalTransitionError,
  nextDealStatus,
  readInstant,
  type DealInputCode,
  type DealInputProblem,
  type DealTerms,
} from '../../../src/domain'
import { leaderZhCN as zhCN } from '../../../src/i18n/leader/zh-CN'
import type { DealsTable } from '../../db/schema'
import type { AppContext } from '../../http/context'
import { AppError, badRequest, conflict } from '../../http/errors'
import { lockDeal } from '../orders/holds'
import { closeWithFullRefunds, refundSoon, settleIfDue } from '../settlement/settlement.service'
import type { DealRow } from '../deals/deal-view'
import * as repo from './leader-deals.repository'

/**
 * What a leader's deal and a supplier's deal share on the way in and through their lives: the
 * input's problems as public errors, the row's columns of the terms, a draft's edit merged over
 * what it holds, publishing and calling off. One piece of code per rule; the two services add who
 * may touch which deal and where it is picked up.
 */

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

/** A problem of a deal's terms as the 400 the app reads. */
export function termsError(problem: DealInputProblem): AppError {
  return badRequest(ERROR_CODE[problem.code], fallbackMessage(problem))
}

/** The row's columns of a deal's terms (already validated). */
export function termsColumns(input: DealTerms) {
  return {
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
    cutoff_at: iso(input.cutoffAt),
    pickup_start: iso(input.pickupStart),
    pickup_end: iso(input.pickupEnd),
  }
}

/** A draft's terms as it holds them, with an edit laid over (the product's fields one by one). */
export function mergeTerms<P extends Partial<Omit<DealTerms, 'product'>> & { product?: Partial<DealTerms['product']> }>(
  current: DealDetail,
  patch: P,
): DealTerms & Omit<P, 'product'> {
  const { product, ...rest } = patch
  return {
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
    ...rest,
    product: { ...current.product, ...(product ?? {}) },
  } as DealTerms & Omit<P, 'product'>
}

/** A new draft's row: the terms' columns and whose it is (the counters at zero). */
export function draftRow(
  id: string,
  ownerId: string,
  columns: ReturnType<typeof termsColumns>,
  extra: Partial<DealsTable>,
  nowIso: string,
): DealsTable {
  return {
    id,
    leader_id: ownerId,
    status: DealStatus.draft,
    ...columns,
    ...extra,
    active_units: 0,
    participant_count: 0,
    created_at: nowIso,
    updated_at: nowIso,
    published_at: null,
    settled_at: null,
    final_unit_price_fen: null,
    completed_at: null,
  }
}

export const notDraft = () => conflict('DEAL_NOT_DRAFT', '只有草稿状态的团购可以修改或发布')

/** Publish a draft (once: a racing publish changes nothing the second time); refused past its cutoff. */
export async function publishDraft(ctx: AppContext, row: DealRow): Promise<void> {
  let status: DealStatus
  try {
    status = nextDealStatus(row.status, DealEvent.publish)
  } catch (error) {
    if (error instanceof IllegalTransitionError) throw notDraft()
    throw error
  }
  const nowIso = ctx.now().toISOString()
  if (row.cutoff_at <= nowIso) throw conflict('CUTOFF_IN_PAST', '截单时间已过，请先修改截单时间再发布')
  const published = await repo.updateDealIn(ctx.db, row.id, DealStatus.draft, { status, published_at: nowIso, updated_at: nowIso })
  if (!published) throw notDraft()
}

/** Call a deal off before cutoff: unpaid orders expire, paid ones are refunded in full. */
export async function cancelDeal(ctx: AppContext, row: DealRow): Promise<void> {
  await settleIfDue(ctx, row)
  const nowIso = ctx.now().toISOString()
  const done = await ctx.db.transaction().execute(async (trx) => {
    const deal = await lockDeal(trx, row.id)
    if (!deal) return false
    if (deal.status === DealStatus.open && deal.cutoff_at <= nowIso) return false
    if (deal.status !== DealStatus.open && deal.status !== DealStatus.draft) return false
    const status = nextDealStatus(deal.status, DealEvent.cancel)
    return closeWithFullRefunds(trx, row.id, status, 'deal_cancelled', nowIso)
  })
  if (!done) throw conflict('DEAL_NOT_CANCELLABLE', '已截单的团购不能取消')
  await refundSoon(ctx)
}

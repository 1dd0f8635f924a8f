import type { Tier, TierBasis } from '../../../types/api'
import { TierProblemCode, nextTier, parseYuan, priceAt, validateTiers } from '@/domain'
import { tierLabel } from '@/i18n'
import type { LeaderKey } from '@/i18n/leader'

/** One row of the tier editor as typed: text, so half-typed input ("12.") is kept as the leader sees it. */
export interface TierRow {
  threshold: string
  price: string
}

/** What the editor finds before the domain's rules can even run: a row left blank or unreadable. */
export const TierRowCode = {
  thresholdMissing: 'TIER_THRESHOLD_MISSING',
  priceMissing: 'TIER_PRICE_MISSING',
  priceUnreadable: 'TIER_PRICE_UNREADABLE',
} as const
export type TierRowCode = (typeof TierRowCode)[keyof typeof TierRowCode]

export interface TierRowProblem {
  /** the row the problem is about, or -1 for the ladder as a whole */
  index: number
  code: TierProblemCode | TierRowCode
}

export interface TierCheck {
  /** the ladder, when every row reads as numbers */
  tiers: Tier[] | null
  /** problems per row (index) and for the whole ladder (-1) */
  problems: TierRowProblem[]
}

/** The words of a problem (src/i18n). */
export const tierProblemKey = (p: TierRowProblem): LeaderKey => `tierProblem.${p.code}`

const THRESHOLD_CODES: readonly string[] = [
  TierRowCode.thresholdMissing,
  TierProblemCode.thresholdNotPositive,
  TierProblemCode.thresholdNotRising,
  TierProblemCode.firstNotOne,
]

/** Is the problem about the row's threshold (else its price, or the whole ladder)? */
export const isThresholdProblem = (p: TierRowProblem) => THRESHOLD_CODES.includes(p.code)

/** Is the problem about the row's price? */
export const isPriceProblem = (p: TierRowProblem) => p.index >= 0 && !isThresholdProblem(p)

const wholeNumber = (text: string): number | null => (/^\s*\d{1,7}\s*$/.test(text) ? Number(text) : null)

/**
 * Reads the rows with the app's own money parser and checks them with the domain's rules, so the
 * editor shows exactly what the server would refuse, in place.
 */
export function checkTierRows(rows: TierRow[], listPriceFen: number | null): TierCheck {
  const typed: TierRowProblem[] = []
  const tiers: Tier[] = rows.map((row, index) => {
    const threshold = wholeNumber(row.threshold)
    const price = parseYuan(row.price)
    if (row.threshold.trim() === '') typed.push({ index, code: TierRowCode.thresholdMissing })
    else if (threshold === null) typed.push({ index, code: TierProblemCode.thresholdNotPositive })
    if (row.price.trim() === '') typed.push({ index, code: TierRowCode.priceMissing })
    else if (price === null) typed.push({ index, code: TierRowCode.priceUnreadable })
    return { threshold: threshold ?? NaN, unitPriceFen: price ?? NaN }
  })
  const unreadable: readonly string[] = [TierProblemCode.thresholdNotPositive, TierProblemCode.priceNotPositive]
  const rules = validateTiers(tiers, listPriceFen ?? undefined).filter(
    // a row we already explained (blank or unreadable) is not blamed twice
    (p) => p.index === -1 || !typed.some((t) => t.index === p.index) || !unreadable.includes(p.code),
  )
  const problems = [...typed, ...rules].sort((a, b) => a.index - b.index)
  return { tiers: typed.length === 0 ? tiers : null, problems }
}

export interface TierPreview {
  currentPriceFen: number
  label: string | null
}

/** What shoppers see at a given count: the current price and "再邀N人 享¥x" (in the app's language). */
export function previewAt(basis: TierBasis, tiers: Tier[], count: number): TierPreview {
  return { currentPriceFen: priceAt(tiers, count), label: tierLabel(basis, nextTier(tiers, count)) }
}

export const rowsFromTiers = (tiers: Tier[]): TierRow[] =>
  tiers.map((t) => ({ threshold: String(t.threshold), price: (t.unitPriceFen / 100).toFixed(2) }))

/** A new row below the last one: one more step up, a little cheaper, for the leader to adjust. */
export function suggestNextRow(rows: TierRow[]): TierRow {
  const last = rows[rows.length - 1]
  if (!last) return { threshold: '1', price: '' }
  const threshold = wholeNumber(last.threshold)
  return { threshold: threshold === null ? '' : String(threshold + (threshold < 5 ? 2 : 5)), price: '' }
}

import type { Tier, TierBasis } from '../../../types/api'
import { nextTier, nextTierLabel, parseYuan, priceAt, validateTiers, type TierProblem } from '@/domain'

/** One row of the tier editor as typed: text, so half-typed input ("12.") is kept as the leader sees it. */
export interface TierRow {
  threshold: string
  price: string
}

export interface TierCheck {
  /** the ladder, when every row reads as numbers */
  tiers: Tier[] | null
  /** messages per row (index) and for the whole ladder (-1) */
  problems: TierProblem[]
}

const wholeNumber = (text: string): number | null => (/^\s*\d{1,7}\s*$/.test(text) ? Number(text) : null)

/**
 * Reads the rows with the app's own money parser and checks them with the domain's rules, so the
 * editor shows exactly what the server would refuse, in place.
 */
export function checkTierRows(rows: TierRow[], listPriceFen: number | null): TierCheck {
  const typed: TierProblem[] = []
  const tiers: Tier[] = rows.map((row, index) => {
    const threshold = wholeNumber(row.threshold)
    const price = parseYuan(row.price)
    if (row.threshold.trim() === '') typed.push({ index, message: '请填写人数/件数' })
    else if (threshold === null) typed.push({ index, message: '人数/件数须为正整数' })
    if (row.price.trim() === '') typed.push({ index, message: '请填写价格，如 9.90' })
    else if (price === null) typed.push({ index, message: '价格格式不对，最多两位小数' })
    return { threshold: threshold ?? NaN, unitPriceFen: price ?? NaN }
  })
  const rules = validateTiers(tiers, listPriceFen ?? undefined).filter(
    // a row we already explained (blank or unreadable) is not blamed twice
    (p) => p.index === -1 || !typed.some((t) => t.index === p.index) || !/正整数|大于 0/.test(p.message),
  )
  const problems = [...typed, ...rules].sort((a, b) => a.index - b.index)
  return { tiers: typed.length === 0 ? tiers : null, problems }
}

export interface TierPreview {
  currentPriceFen: number
  label: string | null
}

/** What shoppers see at a given count: the current price and "再邀N人 享¥x". */
export function previewAt(basis: TierBasis, tiers: Tier[], count: number): TierPreview {
  return { currentPriceFen: priceAt(tiers, count), label: nextTierLabel(basis, nextTier(tiers, count)) }
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

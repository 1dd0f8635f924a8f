import type { NextTier, Tier, TierBasis } from '../../types/api'
import { formatFen } from './money'

export interface TierProblem {
  /** index of the tier the message is about, or -1 for the ladder as a whole */
  index: number
  message: string
}

/**
 * Rules: at least one tier; the first threshold is 1; thresholds strictly rise;
 * unit prices are positive whole fen and strictly fall; none above the list price.
 * Messages are zh-CN because the tier editor shows them in place.
 */
export function validateTiers(tiers: Tier[], listPriceFen?: number): TierProblem[] {
  const problems: TierProblem[] = []
  if (tiers.length === 0) return [{ index: -1, message: '至少需要一档价格' }]
  if (tiers.length > 10) problems.push({ index: -1, message: '最多 10 档价格' })
  // compare with the last valid threshold/price before it, so one bad tier does not also blame the next
  let lastThreshold: number | null = null
  let lastPrice: number | null = null
  tiers.forEach((tier, i) => {
    if (!Number.isSafeInteger(tier.threshold) || tier.threshold < 1) {
      problems.push({ index: i, message: '人数/件数须为正整数' })
    } else {
      if (i === 0 && tier.threshold !== 1) {
        problems.push({ index: i, message: '第一档须从 1 开始' })
      } else if (lastThreshold !== null && tier.threshold <= lastThreshold) {
        problems.push({ index: i, message: '门槛须高于上一档' })
      }
      lastThreshold = Math.max(lastThreshold ?? 0, tier.threshold)
    }
    if (!Number.isSafeInteger(tier.unitPriceFen) || tier.unitPriceFen < 1) {
      problems.push({ index: i, message: '价格须大于 0' })
    } else {
      if (lastPrice !== null && tier.unitPriceFen >= lastPrice) {
        problems.push({ index: i, message: '价格须低于上一档' })
      } else if (listPriceFen !== undefined && tier.unitPriceFen > listPriceFen) {
        problems.push({ index: i, message: '团购价不能高于原价' })
      }
      lastPrice = Math.min(lastPrice ?? Infinity, tier.unitPriceFen)
    }
  })
  return problems
}

/** The highest tier whose threshold is at most `count` (the first tier when nothing counts yet). */
export function currentTier(tiers: Tier[], count: number): Tier {
  let found = tiers[0]
  for (const tier of tiers) if (tier.threshold <= count) found = tier
  return found
}

export function priceAt(tiers: Tier[], count: number): number {
  return currentTier(tiers, count).unitPriceFen
}

/**
 * The first tier above the current one, and how many more people/units unlock it; null at the last tier.
 * Before anyone joins the first tier is already the current price, so the next one is the second.
 */
export function nextTier(tiers: Tier[], count: number): NextTier | null {
  const next = tiers.find((t, i) => i > 0 && t.threshold > count)
  return next ? { ...next, remaining: next.threshold - count } : null
}

export interface CountableOrder {
  userId: string
  quantity: number
}

/** people: distinct participants; units: total quantity. */
export function countToward(basis: TierBasis, orders: CountableOrder[]): number {
  if (basis === 'people') return new Set(orders.map((o) => o.userId)).size
  return orders.reduce((sum, o) => sum + o.quantity, 0)
}

/** What one more order adds to the count: a newcomer adds 1 person; units add the quantity. */
export function countWithJoin(
  basis: TierBasis,
  orders: CountableOrder[],
  join: CountableOrder,
): number {
  return countToward(basis, [...orders, join])
}

/** "再邀2人 享¥8.80" (people) or "再拼3件 享¥8.80" (units); null at the lowest price. */
export function nextTierLabel(basis: TierBasis, next: NextTier | null): string | null {
  if (!next) return null
  const price = formatFen(next.unitPriceFen)
  return basis === 'people' ? `再邀${next.remaining}人 享${price}` : `再拼${next.remaining}件 享${price}`
}

/**
 * The unit price a shopper pays on joining: the current tier's price with their own order counted
 * (so the fifth person in a 5-person tier already pays the 5-person price).
 */
export function priceOnJoin(
  basis: TierBasis,
  tiers: Tier[],
  orders: CountableOrder[],
  join: CountableOrder,
): number {
  return priceAt(tiers, countWithJoin(basis, orders, join))
}

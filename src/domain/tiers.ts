import type { NextTier, Tier, TierBasis } from '../../types/api'

/** What is wrong with a price ladder: a code the app words in its own language. */
export const TierProblemCode = {
  none: 'TIERS_NONE',
  tooMany: 'TIERS_TOO_MANY',
  thresholdNotPositive: 'TIER_THRESHOLD_NOT_POSITIVE',
  firstNotOne: 'TIER_FIRST_NOT_ONE',
  thresholdNotRising: 'TIER_THRESHOLD_NOT_RISING',
  priceNotPositive: 'TIER_PRICE_NOT_POSITIVE',
  priceNotFalling: 'TIER_PRICE_NOT_FALLING',
  priceAboveList: 'TIER_PRICE_ABOVE_LIST',
} as const
export type TierProblemCode = (typeof TierProblemCode)[keyof typeof TierProblemCode]

export interface TierProblem {
  /** index of the tier the problem is about, or -1 for the ladder as a whole */
  index: number
  code: TierProblemCode
}

export const MAX_TIERS = 10

/**
 * Rules: at least one tier, at most MAX_TIERS; the first threshold is 1; thresholds strictly rise;
 * unit prices are positive whole fen and strictly fall; none above the list price.
 */
export function validateTiers(tiers: Tier[], listPriceFen?: number): TierProblem[] {
  const problems: TierProblem[] = []
  if (tiers.length === 0) return [{ index: -1, code: TierProblemCode.none }]
  if (tiers.length > MAX_TIERS) problems.push({ index: -1, code: TierProblemCode.tooMany })
  // compare with the last valid threshold/price before it, so one bad tier does not also blame the next
  let lastThreshold: number | null = null
  let lastPrice: number | null = null
  tiers.forEach((tier, i) => {
    if (!Number.isSafeInteger(tier.threshold) || tier.threshold < 1) {
      problems.push({ index: i, code: TierProblemCode.thresholdNotPositive })
    } else {
      if (i === 0 && tier.threshold !== 1) {
        problems.push({ index: i, code: TierProblemCode.firstNotOne })
      } else if (lastThreshold !== null && tier.threshold <= lastThreshold) {
        problems.push({ index: i, code: TierProblemCode.thresholdNotRising })
      }
      lastThreshold = Math.max(lastThreshold ?? 0, tier.threshold)
    }
    if (!Number.isSafeInteger(tier.unitPriceFen) || tier.unitPriceFen < 1) {
      problems.push({ index: i, code: TierProblemCode.priceNotPositive })
    } else {
      if (lastPrice !== null && tier.unitPriceFen >= lastPrice) {
        problems.push({ index: i, code: TierProblemCode.priceNotFalling })
      } else if (listPriceFen !== undefined && tier.unitPriceFen > listPriceFen) {
        problems.push({ index: i, code: TierProblemCode.priceAboveList })
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

/**
 * How far the tier progress bar is (0..1): from the last reached threshold to the next one; the
 * first tier (threshold 1, where everyone starts) counts from nobody, so 1 of 2 people is half full.
 * Full at the lowest price.
 */
export function tierProgress(count: number, tiers: { threshold: number }[], next: { threshold: number } | null): number {
  if (!next) return 1
  const found = [...tiers].reverse().find((t) => t.threshold <= count)?.threshold ?? 0
  const reached = found <= 1 ? 0 : found
  const span = Math.max(1, next.threshold - reached)
  return Math.max(0.04, Math.min(1, (count - reached) / span))
}

/** A deal's running totals: distinct shoppers holding units, and the units they hold. */
export interface TierTotals {
  people: number
  units: number
}

/** What the tiers count: people or units. */
export function tierCount(basis: TierBasis, totals: TierTotals): number {
  return basis === 'units' ? totals.units : totals.people
}

export interface CountableOrder {
  userId: string
  quantity: number
}

/** The totals of a set of orders: distinct shoppers, total quantity. */
export function totalsOf(orders: CountableOrder[]): TierTotals {
  return { people: new Set(orders.map((o) => o.userId)).size, units: orders.reduce((sum, o) => sum + o.quantity, 0) }
}

/** people: distinct participants; units: total quantity. */
export function countToward(basis: TierBasis, orders: CountableOrder[]): number {
  return tierCount(basis, totalsOf(orders))
}

export interface Join {
  /** units this shopper already holds in the deal (0: a newcomer, one more person) */
  heldBefore: number
  quantity: number
}

/** The totals once a join is in: a newcomer adds a person; everyone adds their quantity. */
export function totalsAfterJoin(totals: TierTotals, join: Join): TierTotals {
  return { people: totals.people + (join.heldBefore > 0 ? 0 : 1), units: totals.units + join.quantity }
}

/**
 * The unit price a shopper pays on joining: the tier reached with their own order counted (so the
 * fifth person in a 5-person tier already pays the 5-person price). The price guarantee starts here;
 * the server's join queue and the seed price every order with it.
 */
export function priceOnJoin(basis: TierBasis, tiers: Tier[], totals: TierTotals, join: Join): number {
  return priceAt(tiers, tierCount(basis, totalsAfterJoin(totals, join)))
}

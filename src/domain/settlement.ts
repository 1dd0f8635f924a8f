import type { Tier, TierBasis } from '../../types/api'
import { assertFen } from './money'
import { countToward, priceAt } from './tiers'

export interface SettleDeal {
  tierBasis: TierBasis
  tiers: Tier[]
  minToSucceed: number
}

export interface SettleOrder {
  id: string
  userId: string
  quantity: number
  /** unit price paid at joining */
  unitPriceFen: number
}

export interface SettledOrder {
  id: string
  finalUnitPriceFen: number
  /** paid minus final, for the whole quantity */
  refundFen: number
}

export interface Settlement {
  outcome: 'succeeded' | 'failed'
  finalCount: number
  finalTierPriceFen: number
  orders: SettledOrder[]
}

/**
 * The price guarantee at cutoff, over the paid orders only.
 * Succeeded: each order's final unit price is min(paid, final tier price); the difference is refunded.
 * Failed (under the minimum): everyone is refunded in full and nobody pays anything.
 */
export function settle(deal: SettleDeal, paidOrders: SettleOrder[]): Settlement {
  // refunds are real money: refuse to compute them from a float price or a nonsense quantity
  for (const o of paidOrders) {
    assertFen(o.unitPriceFen)
    if (!Number.isSafeInteger(o.quantity) || o.quantity < 1) {
      throw new RangeError(`order ${o.id} has a bad quantity: ${o.quantity}`)
    }
  }
  const finalCount = countToward(deal.tierBasis, paidOrders)
  const finalTierPriceFen = priceAt(deal.tiers, finalCount)
  if (finalCount < deal.minToSucceed || paidOrders.length === 0) {
    return {
      outcome: 'failed',
      finalCount,
      finalTierPriceFen,
      orders: paidOrders.map((o) => ({
        id: o.id,
        finalUnitPriceFen: 0,
        refundFen: o.unitPriceFen * o.quantity,
      })),
    }
  }
  return {
    outcome: 'succeeded',
    finalCount,
    finalTierPriceFen,
    orders: paidOrders.map((o) => {
      const finalUnitPriceFen = Math.min(o.unitPriceFen, finalTierPriceFen)
      return {
        id: o.id,
        finalUnitPriceFen,
        refundFen: (o.unitPriceFen - finalUnitPriceFen) * o.quantity,
      }
    }),
  }
}

import type { Tier, TierBasis } from '../../types/api'
import { checkJoin, type JoinRefusal } from './limits'
import { priceOnJoin, totalsAfterJoin, type Join, type TierTotals } from './tiers'

export interface JoinableDeal {
  tierBasis: TierBasis
  tiers: Tier[]
  /** null: no stock cap */
  stockUnits: number | null
  /** null: no per-shopper limit */
  perUserLimit: number | null
}

export type JoinDecision = { refusal: JoinRefusal } | { unitPriceFen: number; totals: TierTotals }

/**
 * One join of a deal, decided in arrival order: refused (stock, per-shopper limit, quantity), or
 * admitted at the price of the tier reached with it counted, with the deal's totals after it. The
 * server's join queue decides every join with this, and the settlement property test drives it.
 */
export function admitJoin(deal: JoinableDeal, totals: TierTotals, join: Join): JoinDecision {
  const refusal = checkJoin({
    quantity: join.quantity,
    stockUnits: deal.stockUnits,
    activeUnits: totals.units,
    perUserLimit: deal.perUserLimit,
    userActiveUnits: join.heldBefore,
  })
  if (refusal) return { refusal }
  return { unitPriceFen: priceOnJoin(deal.tierBasis, deal.tiers, totals, join), totals: totalsAfterJoin(totals, join) }
}

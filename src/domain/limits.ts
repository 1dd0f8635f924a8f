export interface JoinCheck {
  quantity: number
  /** null: no stock cap */
  stockUnits: number | null
  /** units held by active orders of the deal */
  activeUnits: number
  /** null: no per-shopper limit */
  perUserLimit: number | null
  /** units this shopper already holds in active orders of the deal */
  userActiveUnits: number
}

export const JoinRefusal = {
  badQuantity: 'BAD_QUANTITY',
  soldOut: 'SOLD_OUT',
  notEnoughStock: 'NOT_ENOUGH_STOCK',
  overLimit: 'OVER_LIMIT',
} as const
export type JoinRefusal = (typeof JoinRefusal)[keyof typeof JoinRefusal]

/** Why a join cannot go ahead, or null. The server repeats the same test as a conditional update. */
export function checkJoin(c: JoinCheck): JoinRefusal | null {
  if (!Number.isSafeInteger(c.quantity) || c.quantity < 1) return JoinRefusal.badQuantity
  if (c.stockUnits !== null) {
    const left = c.stockUnits - c.activeUnits
    if (left <= 0) return JoinRefusal.soldOut
    if (c.quantity > left) return JoinRefusal.notEnoughStock
  }
  if (c.perUserLimit !== null && c.userActiveUnits + c.quantity > c.perUserLimit) {
    return JoinRefusal.overLimit
  }
  return null
}

/** Units still for sale (never below 0), or null when the deal has no stock cap. */
export function stockLeft(stockUnits: number | null, activeUnits: number): number | null {
  return stockUnits === null ? null : Math.max(0, stockUnits - activeUnits)
}

/** The most a shopper may still add: what a quantity stepper allows. */
export function maxJoinQuantity(c: Omit<JoinCheck, 'quantity'>): number {
  let max = Number.MAX_SAFE_INTEGER
  const left = stockLeft(c.stockUnits, c.activeUnits)
  if (left !== null) max = Math.min(max, left)
  if (c.perUserLimit !== null) max = Math.min(max, c.perUserLimit - c.userActiveUnits)
  return Math.max(0, max)
}

/**
 * A shortage at a pickup point (units that never arrived, or arrived spoiled): which orders lose units,
 * and what each gets back.
 *
 * THE RULE: the last to join is the first to lose, as a queue would. Orders are taken newest first (by
 * when they were placed, then by id, so the order is total and the same every time); each loses as
 * many units as are still short, at most its own quantity. An order is refunded its final unit price
 * for every unit it lost, but never more than it kept paying (paid − already refunded): a price
 * difference or an after-sales refund given earlier is not given again.
 */

export interface ShortageOrder {
  id: string
  quantity: number
  /** the price a unit finally cost (the deal's final unit price) */
  unitPriceFen: number
  paidFen: number
  /** refunded already, for any reason */
  refundFen: number
  /** when it was placed (ISO instant): the rule's key */
  createdAt: string
}

export interface ShortageLoss {
  orderId: string
  /** units it lost (1..quantity) */
  units: number
  /** what goes back to the shopper for them */
  refundFen: number
  /** every unit lost: nothing left to hand out */
  wholeOrder: boolean
}

export interface ShortageAllocation {
  /** only the orders that lose units, in the rule's order (newest first) */
  losses: ShortageLoss[]
  /** units short beyond every order's quantity (0 unless more is short than was ordered) */
  unallocatedUnits: number
  refundFen: number
}

/** What an order may still get back: what it kept paying, never negative. */
export function keptFen(order: Pick<ShortageOrder, 'paidFen' | 'refundFen'>): number {
  return Math.max(0, order.paidFen - order.refundFen)
}

export function allocateShortage(orders: readonly ShortageOrder[], shortUnits: number): ShortageAllocation {
  if (!Number.isSafeInteger(shortUnits) || shortUnits < 0) throw new RangeError(`not a count of units: ${shortUnits}`)
  const queue = [...orders].sort((a, b) =>
    a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0,
  )
  let left = shortUnits
  const losses: ShortageLoss[] = []
  for (const order of queue) {
    if (left === 0) break
    const units = Math.min(left, Math.max(0, order.quantity))
    if (units === 0) continue
    left -= units
    losses.push({
      orderId: order.id,
      units,
      refundFen: Math.min(units * Math.max(0, order.unitPriceFen), keptFen(order)),
      wholeOrder: units === order.quantity,
    })
  }
  return { losses, unallocatedUnits: left, refundFen: losses.reduce((sum, l) => sum + l.refundFen, 0) }
}

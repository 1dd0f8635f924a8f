import type { DealDetail } from '../../../types/api'
import type { LeaderOrder } from '@/api/leader'
import { ACTIVE_ORDER_STATUSES } from '@/domain'

/** Orders that hold goods: everything but cancelled, refunded and expired. */
const LIVE = new Set<string>(ACTIVE_ORDER_STATUSES)

export interface PointSummary {
  id: string
  name: string
  orders: number
  units: number
  ready: number
  pickedUp: number
  /** every live order there is ready or picked up: the goods arrived */
  arrived: boolean
}

/** Per pickup point of the deal: how many orders and units go there, and how far hand-out has got. */
export function ordersPerPoint(deal: DealDetail, orders: LeaderOrder[]): PointSummary[] {
  return deal.pickupPoints.map((p) => {
    const here = orders.filter((o) => o.pickupPoint.id === p.id && LIVE.has(o.status))
    const ready = here.filter((o) => o.status === 'ready').length
    const pickedUp = here.filter((o) => o.status === 'picked_up').length
    return {
      id: p.id,
      name: p.name,
      orders: here.length,
      units: here.reduce((n, o) => n + o.quantity, 0),
      ready,
      pickedUp,
      arrived: here.length > 0 && ready + pickedUp === here.length,
    }
  })
}

/** Distinct shoppers are not in the order rows (names are masked), so people come from the deal on that basis. */
export function participants(deal: DealDetail, orders: LeaderOrder[]): number {
  if (deal.tierBasis === 'people') return deal.count
  return orders.filter((o) => LIVE.has(o.status) && o.status !== 'pending_payment').length
}

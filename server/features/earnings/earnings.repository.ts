import type { ExpressionBuilder } from 'kysely'
import type { Database } from '../../db/database'
import type { DB } from '../../db/schema'
import { OrderStatus } from '../../../types/api'

/**
 * The leader's orders: whose commission was frozen to her at settlement, or (not frozen yet) at her
 * pickup points (a supplier deal's too: 帮卖).
 */
type OrdersAtPoints = ExpressionBuilder<DB, 'orders' | 'pickup_points'>

function ownedBy(leaderId: string) {
  return (eb: OrdersAtPoints) =>
    eb.or([
      eb('orders.commission_leader_id', '=', leaderId),
      eb.and([eb('orders.commission_leader_id', 'is', null), eb('pickup_points.leader_id', '=', leaderId)]),
    ])
}

/** The leader's confirmed, ready and picked-up orders, one row each, with when they earn. */
export function commissionOrders(db: Database, leaderId: string) {
  return db
    .selectFrom('orders')
    .innerJoin('deals', 'deals.id', 'orders.deal_id')
    .innerJoin('pickup_points', 'pickup_points.id', 'orders.pickup_point_id')
    .select([
      'orders.status',
      'orders.paid_fen',
      'orders.refund_fen',
      'orders.picked_up_at',
      'orders.commission_bps',
      'deals.id as deal_id',
      'deals.title',
      'deals.status as deal_status',
      'deals.pickup_start',
    ])
    .where(ownedBy(leaderId))
    .where('orders.status', 'in', [OrderStatus.confirmed, OrderStatus.ready, OrderStatus.pickedUp])
    .orderBy('deals.pickup_start', 'desc')
    .execute()
}

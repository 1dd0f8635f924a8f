import { sql, type ExpressionBuilder } from 'kysely'
import type { Database } from '../../db/database'
import type { DB } from '../../db/schema'
import { OrderStatus, RefundReason } from '../../../types/api'

/** what after-sales gave back on the order: that part of its value earns no commission. */
const afterSalesFen = sql<number>`coalesce((select sum(r.amount_fen) from refunds r where r.order_id = orders.id and r.reason = ${RefundReason.afterSales}), 0)`

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

/** Final value (final unit price x quantity, less after-sales refunds) of the leader's confirmed, ready and picked-up orders, per deal and status. */
export function valueByDealAndStatus(db: Database, leaderId: string) {
  return db
    .selectFrom('orders')
    .innerJoin('deals', 'deals.id', 'orders.deal_id')
    .innerJoin('pickup_points', 'pickup_points.id', 'orders.pickup_point_id')
    .select((eb) => [
      'deals.id as deal_id',
      'deals.title',
      'deals.status as deal_status',
      'deals.pickup_start',
      'orders.status',
      // the rate frozen at settlement (null: not frozen, the leader's own applies)
      'orders.commission_bps',
      // less what after-sales refunded
      eb.fn.sum<number>(sql<number>`${eb('orders.final_unit_price_fen', '*', eb.ref('orders.quantity'))} - ${afterSalesFen}`).as('value_fen'),
    ])
    .where(ownedBy(leaderId))
    .where('orders.status', 'in', [OrderStatus.confirmed, OrderStatus.ready, OrderStatus.pickedUp])
    .groupBy(['deals.id', 'deals.title', 'deals.status', 'deals.pickup_start', 'orders.status', 'orders.commission_bps'])
    .orderBy('deals.pickup_start', 'desc')
    .execute()
}

/** The leader's confirmed, ready and picked-up orders, one row each, with when they earn. */
export function commissionOrders(db: Database, leaderId: string) {
  return db
    .selectFrom('orders')
    .innerJoin('deals', 'deals.id', 'orders.deal_id')
    .innerJoin('pickup_points', 'pickup_points.id', 'orders.pickup_point_id')
    .select(['orders.status', 'orders.quantity', 'orders.final_unit_price_fen', 'orders.picked_up_at', 'orders.commission_bps', 'deals.pickup_start'])
    .select(afterSalesFen.as('after_sales_fen'))
    .where(ownedBy(leaderId))
    .where('orders.status', 'in', [OrderStatus.confirmed, OrderStatus.ready, OrderStatus.pickedUp])
    .execute()
}

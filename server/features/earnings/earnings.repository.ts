import { sql } from 'kysely'
import type { Database } from '../../db/database'
import { OrderStatus, RefundReason } from '../../../types/api'

/** what after-sales gave back on the order: that part of its value earns no commission. */
const afterSalesFen = sql<number>`coalesce((select sum(r.amount_fen) from refunds r where r.order_id = orders.id and r.reason = ${RefundReason.afterSales}), 0)`

/** Final value (final unit price x quantity, less after-sales refunds) of the leader's confirmed, ready and picked-up orders, per deal and status. */
export function valueByDealAndStatus(db: Database, leaderId: string) {
  return db
    .selectFrom('orders')
    .innerJoin('deals', 'deals.id', 'orders.deal_id')
    .select((eb) => [
      'deals.id as deal_id',
      'deals.title',
      'deals.status as deal_status',
      'deals.pickup_start',
      'orders.status',
      // less what after-sales refunded
      eb.fn.sum<number>(sql<number>`${eb('orders.final_unit_price_fen', '*', eb.ref('orders.quantity'))} - ${afterSalesFen}`).as('value_fen'),
    ])
    .where('deals.leader_id', '=', leaderId)
    .where('orders.status', 'in', [OrderStatus.confirmed, OrderStatus.ready, OrderStatus.pickedUp])
    .groupBy(['deals.id', 'deals.title', 'deals.status', 'deals.pickup_start', 'orders.status'])
    .orderBy('deals.pickup_start', 'desc')
    .execute()
}

/** The leader's confirmed, ready and picked-up orders, one row each, with when they earn. */
export function commissionOrders(db: Database, leaderId: string) {
  return db
    .selectFrom('orders')
    .innerJoin('deals', 'deals.id', 'orders.deal_id')
    .select(['orders.status', 'orders.quantity', 'orders.final_unit_price_fen', 'orders.picked_up_at', 'deals.pickup_start'])
    .select(afterSalesFen.as('after_sales_fen'))
    .where('deals.leader_id', '=', leaderId)
    .where('orders.status', 'in', [OrderStatus.confirmed, OrderStatus.ready, OrderStatus.pickedUp])
    .execute()
}

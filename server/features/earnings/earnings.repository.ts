import type { Database } from '../../db/database'
import { OrderStatus } from '../../../types/api'

/** Final value (final unit price x quantity) of the leader's confirmed, ready and picked-up orders, per deal and status. */
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
      eb.fn.sum<number>(eb('orders.final_unit_price_fen', '*', eb.ref('orders.quantity'))).as('value_fen'),
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
    .where('deals.leader_id', '=', leaderId)
    .where('orders.status', 'in', [OrderStatus.confirmed, OrderStatus.ready, OrderStatus.pickedUp])
    .execute()
}

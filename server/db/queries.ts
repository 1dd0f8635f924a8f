import type { OrderStatus } from '../../types/api'
import type { Database } from './database'

/**
 * Query shapes more than one feature's repository starts from (repositories only: all SQL stays
 * there). An order with its deal and its pickup point: every order has both, so the inner joins
 * drop no order.
 */
export function ordersWithDealAndPoint(db: Database) {
  return db
    .selectFrom('orders')
    .innerJoin('deals', 'deals.id', 'orders.deal_id')
    .innerJoin('pickup_points', 'pickup_points.id', 'orders.pickup_point_id')
}

/** A deal's orders in these statuses, at one of its points if given (what a notice or a report is about). */
export function dealOrdersIn(db: Database, dealId: string, statuses: OrderStatus[], pointId?: string) {
  const q = ordersWithDealAndPoint(db).where('orders.deal_id', '=', dealId).where('orders.status', 'in', statuses)
  return pointId ? q.where('orders.pickup_point_id', '=', pointId) : q
}

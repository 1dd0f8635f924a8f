import { OrderStatus } from '../../../types/api'
import type { Database } from '../../db/database'
import { dealOrdersIn } from '../../db/queries'

/** The ready orders at this point of the deal that were paid through WeChat Pay, with what to report. */
export function wechatPaidOrdersAt(trx: Database, dealId: string, pointId: string) {
  return dealOrdersIn(trx, dealId, [OrderStatus.ready], pointId)
    .innerJoin('payments', (j) =>
      j.onRef('payments.order_id', '=', 'orders.id').on('payments.status', '=', 'succeeded').on('payments.provider', '=', 'wechatpay'),
    )
    .innerJoin('users', 'users.id', 'orders.user_id')
    .select([
      'payments.id as payment_id',
      'payments.provider_ref',
      'users.openid',
      'orders.user_id',
      'orders.quantity',
      'deals.product_name',
      'deals.product_spec',
    ])
    .execute()
}

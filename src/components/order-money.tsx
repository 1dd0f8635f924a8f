import { Text, View } from '@tarojs/components'
import { PAID_ORDER_STATUSES, formatFen } from '@/domain'
import { t, useT, type MessageKey } from '@/i18n/shopper'
import type { Order, RefundReason } from '../../types/api'

const REFUND_REASON: Record<RefundReason, MessageKey> = {
  price_difference: 'order.refund.price_difference',
  deal_failed: 'order.refund.deal_failed',
  deal_cancelled: 'order.refund.deal_cancelled',
  order_cancelled: 'order.refund.order_cancelled',
  after_sales: 'order.refund.after_sales',
  no_show: 'order.refund.no_show',
  shortage: 'order.refund.shortage',
}

/** Settled and kept: the final price is a real price (a cancelled deal's orders carry 0 there). */
const hasFinalPrice = (order: Order): boolean =>
  order.finalUnitPriceFen !== null && order.finalUnitPriceFen > 0 && PAID_ORDER_STATUSES.includes(order.status)

/** What an unpaid order will cost: its locked unit price times its quantity. */
export const dueFen = (order: Order): number => order.unitPriceFen * order.quantity

/**
 * The order's money lines: quantity and price at joining always; the final price once settled and
 * kept; what is due for an unpaid order, what was paid once paid (never "paid ¥0.00"); each refund.
 */
export function OrderMoney({ order }: { order: Order }) {
  useT()
  const paid = order.status !== 'pending_payment' && (order.paidAt !== null || order.paidFen > 0)
  return (
    <>
      <View className='order__line'>
        <Text>{t('order.quantity')}</Text>
        <Text>{t('common.units', { n: order.quantity })}</Text>
      </View>
      {(order.shortUnits ?? 0) > 0 && (
        <View className='order__line'>
          <Text>{t('order.shortUnits')}</Text>
          <Text>{t('common.units', { n: order.shortUnits ?? 0 })}</Text>
        </View>
      )}
      <View className='order__line'>
        <Text>{t('order.unitPrice')}</Text>
        <Text>{formatFen(order.unitPriceFen)}</Text>
      </View>
      {hasFinalPrice(order) && (
        <View className='order__line'>
          <Text>{t('order.finalPrice')}</Text>
          <Text>{formatFen(order.finalUnitPriceFen ?? 0)}</Text>
        </View>
      )}
      {order.status === 'pending_payment' && (
        <View className='order__line order__line--strong'>
          <Text>{t('order.due')}</Text>
          <Text>{formatFen(dueFen(order))}</Text>
        </View>
      )}
      {paid && (
        <View className='order__line order__line--strong'>
          <Text>{t('order.paid')}</Text>
          <Text>{formatFen(order.paidFen)}</Text>
        </View>
      )}
      {order.refunds.map((r) => (
        <View key={r.id} className='order__line order__line--refund'>
          <Text>{t(REFUND_REASON[r.reason])}</Text>
          <Text>+{formatFen(r.amountFen)}</Text>
        </View>
      ))}
    </>
  )
}

/** The status header's second line where the status alone does not tell the money's story; null otherwise. */
export function orderHeadNote(order: Order): string | null {
  if (order.refundFen > 0 && order.refundFen >= order.paidFen && order.paidFen > 0)
    return t('order.head.refunded', { amount: formatFen(order.refundFen) })
  if (order.paidAt === null && order.status === 'expired') return t('order.head.expired')
  if (order.paidAt === null && order.status === 'cancelled') return t('order.head.cancelledUnpaid')
  return null
}

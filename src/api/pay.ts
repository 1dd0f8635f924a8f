import Taro from '@tarojs/taro'
import type { Order } from '../../types/api'
import { ApiError } from './client'
import { getOrder, payOrder } from './index'

const POLLS = 10
const POLL_MS = 1000

/**
 * Pay a held order and resolve with it once paid. The sandbox completes at once; WeChat Pay opens
 * the cashier, then the server learns of the payment from WeChat's notification, so we poll briefly.
 */
export async function payForOrder(id: string): Promise<Order> {
  const { order, payment } = await payOrder(id)
  if (order.status !== 'pending_payment' || payment.provider !== 'wechatpay' || !payment.params) return order
  try {
    await Taro.requestPayment(payment.params as unknown as Taro.requestPayment.Option)
  } catch (e) {
    const cancelled = /cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? e))
    throw new ApiError(cancelled ? 'PAYMENT_CANCELLED' : 'PAYMENT_FAILED', cancelled ? '已取消支付' : '支付未完成，请重试')
  }
  for (let i = 0; i < POLLS; i++) {
    const { order: latest } = await getOrder(id)
    if (latest.status !== 'pending_payment') return latest
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
  throw new ApiError('PAYMENT_PENDING', '支付结果确认中，请稍后在订单里查看')
}

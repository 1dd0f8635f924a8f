import Taro from '@tarojs/taro'
import type { Order } from '../../types/api'
import { ApiError } from './client'
import { getOrder, payOrder } from './index'

/** How long to wait between reads of the order after WeChat's cashier closes: a few seconds, backing off. */
export const PAYMENT_POLL_WAITS_MS = [500, 1000, 1500, 2000, 3000, 4000]

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The one way the app pays for a held order (join sheet and order page). `POST /orders/:id/pay`:
 * the sandbox answers with the order already paid; WeChat Pay answers with the JSAPI parameters,
 * so we open the cashier with them and then read the order until the server has seen WeChat's
 * notification. Throws ApiError PAYMENT_CANCELLED (the order stays pending, payable from the order
 * page), PAYMENT_FAILED, or PAYMENT_PENDING (paid in WeChat, not yet confirmed to us).
 */
export async function payForOrder(id: string, waits: readonly number[] = PAYMENT_POLL_WAITS_MS): Promise<Order> {
  const { order, payment } = await payOrder(id)
  if (order.status !== 'pending_payment' || payment.provider !== 'wechatpay' || !payment.params) return order
  try {
    await Taro.requestPayment(payment.params as unknown as Taro.requestPayment.Option)
  } catch (e) {
    const cancelled = /cancel/i.test(String((e as { errMsg?: string } | null)?.errMsg ?? e))
    if (!cancelled) throw ApiError.of('PAYMENT_FAILED')
    // the order stays held until its own hold runs out (the server's setting, not a fixed time)
    throw ApiError.of('PAYMENT_CANCELLED', order.holdExpiresAt ? { heldUntil: order.holdExpiresAt } : {})
  }
  for (const wait of [0, ...waits]) {
    if (wait) await sleep(wait)
    try {
      const { order: latest } = await getOrder(id)
      if (latest.status !== 'pending_payment') return latest
    } catch {
      // a dropped read is not a failed payment: keep asking
    }
  }
  throw ApiError.of('PAYMENT_PENDING')
}

/** several deals checked out together and paid in one transaction. */
import Taro from '@tarojs/taro'
import type { Basket, BasketCheckoutRequest, BasketPayResponse, BasketResponse } from '../../types/api'
import { ApiError, request } from './client'

export type { Basket, BasketRemoved } from '../../types/api'

const id = encodeURIComponent

/** The basket page's path. */
export const BASKET_PATH = '/shopper/pages/basket/index'

export const checkoutBasket = (body: BasketCheckoutRequest, idempotencyKey: string) =>
  request<BasketResponse>('POST', '/baskets/checkout', { body, headers: { 'Idempotency-Key': idempotencyKey } })

export const payBasket = (basketId: string) => request<BasketPayResponse>('POST', `/baskets/${id(basketId)}/pay`)

export const getBasket = (basketId: string) => request<BasketResponse>('GET', `/baskets/${id(basketId)}`)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const stillHeld = (b: Basket) => b.orders.some((o) => o.status === 'pending_payment')

/**
 * Pay a basket as payForOrder pays an order (src/api/pay.ts): the sandbox answers paid; WeChat Pay
 * answers with the JSAPI parameters, the cashier opens, and the basket is read until the server has
 * seen WeChat's notification.
 */
export async function payForBasket(basketId: string, waits: readonly number[] = [500, 1000, 1500, 2000, 3000, 4000]): Promise<Basket> {
  const { basket, payment } = await payBasket(basketId)
  if (!stillHeld(basket) || payment.provider !== 'wechatpay' || !payment.params) return basket
  try {
    await Taro.requestPayment(payment.params as unknown as Taro.requestPayment.Option)
  } catch (e) {
    const cancelled = /cancel/i.test(String((e as { errMsg?: string } | null)?.errMsg ?? e))
    throw ApiError.of(cancelled ? 'PAYMENT_CANCELLED' : 'PAYMENT_FAILED')
  }
  for (const wait of [0, ...waits]) {
    if (wait) await sleep(wait)
    try {
      const { basket: latest } = await getBasket(basketId)
      if (latest.paidFen > 0 && !stillHeld(latest)) return latest
    } catch {
      // a dropped read is not a failed payment: keep asking
    }
  }
  throw ApiError.of('PAYMENT_PENDING')
}

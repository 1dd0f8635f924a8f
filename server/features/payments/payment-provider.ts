import crypto from 'node:crypto'
import type { AppContext } from '../../http/context'
import { wechatpayProvider, type WechatPayProvider } from './wechatpay-provider'

/**
 * What the order flow needs from a payment provider. Shaped for WeChat Pay v3 JSAPI:
 * `createPayment` is the prepay call (it may return the parameters Taro.requestPayment needs and
 * complete later through a notification); completion is then applied once by provider reference
 * (payments.service completePayment), however often the notification is delivered.
 */
export interface PaymentProvider {
  readonly name: 'sandbox' | 'wechatpay'
  createPayment(input: CreatePaymentInput): Promise<CreatedPayment>
  /** Idempotent by refundId (WeChat's out_refund_no): calling twice refunds once. */
  refund(input: RefundInput): Promise<RefundResult>
}

export interface CreatePaymentInput {
  /** our payment id (WeChat's out_trade_no) */
  paymentId: string
  orderId: string
  amountFen: number
  description: string
  /** the payer's openid; WeChat needs it, the sandbox ignores it */
  payerOpenid: string | null
  /** when the provider should stop accepting this payment (the order's hold, the deal's cutoff) */
  expiresAt?: Date
}

export interface CreatedPayment {
  providerRef: string
  /** the sandbox completes at once; WeChat completes when its notification arrives */
  completed: boolean
  /** what the client needs to pay (WeChat: appId, timeStamp, nonceStr, package, signType, paySign) */
  params?: Record<string, string>
}

export interface RefundInput {
  refundId: string
  /** the provider's reference of the original payment */
  paymentRef: string
  amountFen: number
  /** the original payment's amount (WeChat wants both) */
  totalFen: number
  reason: string
}

export interface RefundResult {
  providerRef: string
  status: 'succeeded' | 'processing'
}

/** Development and tests: money moves at once and nothing leaves the machine. */
export const sandboxProvider: PaymentProvider = {
  name: 'sandbox',
  async createPayment(input) {
    return { providerRef: `sandbox_pay_${input.paymentId}_${crypto.randomBytes(4).toString('hex')}`, completed: true }
  },
  async refund(input) {
    return { providerRef: `sandbox_refund_${input.refundId}`, status: 'succeeded' }
  },
}

const wechatpayProviders = new WeakMap<AppContext, WechatPayProvider>()

/**
 * The WeChat Pay provider, with what only WeChat Pay does (queries, close), when it is the one in
 * use (PAYMENT_PROVIDER=wechatpay); null otherwise.
 */
export function wechatPay(ctx: AppContext): WechatPayProvider | null {
  const { config } = ctx
  if (config.paymentProvider !== 'wechatpay') return null
  let provider = wechatpayProviders.get(ctx)
  if (!provider) {
    if (!config.wechatpay || !config.wechat) throw new Error('PAYMENT_PROVIDER=wechatpay without its configuration')
    provider = wechatpayProvider(config.wechatpay, config.wechat.appId, ctx.now)
    wechatpayProviders.set(ctx, provider)
  }
  return provider
}

/** The provider in use, chosen by the configuration (PAYMENT_PROVIDER). */
export function paymentProvider(ctx: AppContext): PaymentProvider {
  return wechatPay(ctx) ?? sandboxProvider
}

import { AppError } from '../../http/errors'
import type { CreatePaymentInput, CreatedPayment, PaymentProvider, RefundInput, RefundResult } from './payment-provider'
import { WechatPayError, wechatpayRequest } from './wechatpay-client'
import type { WechatPayConfig } from './wechatpay-config'
import { jsapiPayParams, nonceStr } from './wechatpay-crypto'

/** The transaction as WeChat Pay describes it (query answers and decrypted notifications). */
export interface WechatTransaction {
  appid: string
  mchid: string
  out_trade_no: string
  transaction_id?: string
  trade_type?: string
  trade_state: 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR' | string
  trade_state_desc?: string
  success_time?: string
  payer?: { openid: string }
  amount?: { total: number; payer_total?: number; currency: string; payer_currency?: string }
}

/** A refund as WeChat Pay describes it (refund answers and decrypted refund notifications). */
export interface WechatRefund {
  refund_id: string
  out_refund_no: string
  transaction_id?: string
  out_trade_no: string
  status?: 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL' | string
  refund_status?: 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL' | string
  amount: { total: number; refund: number; payer_total?: number; payer_refund?: number; currency?: string }
}

export interface WechatPayProvider extends PaymentProvider {
  readonly name: 'wechatpay'
  queryByOutTradeNo(outTradeNo: string): Promise<WechatTransaction>
  /** WeChat Pay says (signed) that this very payment succeeded, for this amount, merchant and app */
  paidAsExpected(input: CreatePaymentInput): Promise<boolean>
  queryRefund(outRefundNo: string): Promise<WechatRefund>
  /** close an unpaid order so it can no longer be paid */
  close(outTradeNo: string): Promise<void>
}

const REFUND_REASONS: Record<string, string> = {
  price_difference: '拼团成交价更低，退还差价',
  deal_failed: '未成团，全额退款',
  deal_cancelled: '团长取消了团购，全额退款',
  order_cancelled: '订单已取消，全额退款',
  payment_rejected: '订单已失效，退还付款',
  after_sales: '售后退款',
}

/** WeChat's time format: RFC 3339 with the +08:00 offset its examples use. */
export function rfc3339Beijing(d: Date): string {
  const shifted = new Date(d.getTime() + 8 * 3600_000)
  return `${shifted.toISOString().slice(0, 19)}+08:00`
}

/**
 * WeChat Pay v3 JSAPI for the mini-program. Our payment id is the out_trade_no and the provider
 * reference, so a notification and an order query find the payment by it; our refund id is the
 * out_refund_no, which WeChat treats as the idempotency key of a refund.
 */
export function wechatpayProvider(cfg: WechatPayConfig, appId: string, now: () => Date): WechatPayProvider {
  const provider: WechatPayProvider = {
    name: 'wechatpay',

    async createPayment(input: CreatePaymentInput): Promise<CreatedPayment> {
      if (!input.payerOpenid) {
        throw new AppError(409, 'WECHAT_PAYER_UNKNOWN', '请在微信小程序中用微信登录后再支付')
      }
      const body = {
        appid: appId,
        mchid: cfg.mchId,
        // WeChat caps the description at 127 characters
        description: input.description.slice(0, 127) || '邻里团订单',
        out_trade_no: input.paymentId,
        ...(input.expiresAt ? { time_expire: rfc3339Beijing(input.expiresAt) } : {}),
        attach: input.orderId,
        notify_url: cfg.notifyUrl,
        amount: { total: input.amountFen, currency: 'CNY' },
        payer: { openid: input.payerOpenid },
      }
      let prepay_id: string
      try {
        ;({ prepay_id } = await wechatpayRequest<{ prepay_id: string }>(cfg, 'POST', '/v3/pay/transactions/jsapi', body, now))
      } catch (error) {
        // the shopper paid already (back from WeChat's payment sheet before its notification reached
        // us): trust WeChat's signed answer to a query, checked against this very payment
        if (error instanceof WechatPayError && error.code === 'ORDERPAID') {
          if (await provider.paidAsExpected(input)) return { providerRef: input.paymentId, completed: true }
          throw new AppError(409, 'ORDER_ALREADY_PAID', '这笔订单已经付过款了，请稍候刷新')
        }
        throw new AppError(502, 'WECHATPAY_UNAVAILABLE', '微信支付暂时不可用，请稍后再试')
      }
      if (!prepay_id) throw new AppError(502, 'WECHATPAY_UNAVAILABLE', '微信支付下单失败，请稍后再试')
      const timeStamp = String(Math.floor(now().getTime() / 1000))
      return {
        providerRef: input.paymentId,
        completed: false,
        params: jsapiPayParams(appId, prepay_id, cfg.privateKey, timeStamp, nonceStr()),
      }
    },

    async refund(input: RefundInput): Promise<RefundResult> {
      const body = {
        out_trade_no: input.paymentRef,
        out_refund_no: input.refundId,
        reason: REFUND_REASONS[input.reason] ?? input.reason.slice(0, 80),
        notify_url: cfg.refundNotifyUrl,
        amount: { refund: input.amountFen, total: input.totalFen, currency: 'CNY' },
      }
      const answer = await wechatpayRequest<WechatRefund>(cfg, 'POST', '/v3/refund/domestic/refunds', body, now)
      return { providerRef: answer.refund_id, status: answer.status === 'SUCCESS' ? 'succeeded' : 'processing' }
    },

    async close(outTradeNo: string) {
      await wechatpayRequest(cfg, 'POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`, { mchid: cfg.mchId }, now)
    },

    queryRefund(outRefundNo: string) {
      return wechatpayRequest<WechatRefund>(cfg, 'GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`, undefined, now)
    },

    async paidAsExpected(input: CreatePaymentInput): Promise<boolean> {
      try {
        const txn = await provider.queryByOutTradeNo(input.paymentId)
        return (
          txn.trade_state === 'SUCCESS' &&
          txn.mchid === cfg.mchId &&
          txn.appid === appId &&
          txn.amount?.total === input.amountFen &&
          txn.amount?.currency === 'CNY'
        )
      } catch {
        return false
      }
    },

    queryByOutTradeNo(outTradeNo: string) {
      const path = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${encodeURIComponent(cfg.mchId)}`
      return wechatpayRequest<WechatTransaction>(cfg, 'GET', path, undefined, now)
    },
  }
  return provider
}

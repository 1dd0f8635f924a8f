import type { Database } from '../../db/database'
import type { AppContext } from '../../http/context'
import { registerOutboxKind, type Delivery } from '../notifications/outbox'
import { uploadShippingInfo } from '../wechat/wechat-openapi'
import * as repo from './shipping.repository'

/**
 * WeChat holds a mini-program's payments until the merchant reports them shipped
 * (发货信息录入). For Linli "shipped" is the goods reaching the pickup point: each paid WeChat Pay
 * order there is uploaded as 用户自提 (logistics_type 4), one unified delivery, through the outbox
 * so a WeChat outage only delays it.
 */
export const SHIPPING_KIND = 'shipping'

export interface ShippingPayload {
  mchid: string
  outTradeNo: string
  openid: string
  itemDesc: string
}

/** The uploads go through the outbox, which hands each to deliverShipping (below). */
const shippingOutbox = registerOutboxKind(SHIPPING_KIND, deliverShipping)

/** Called with the arrival, in its transaction. */
export async function enqueueShippingForArrival(trx: Database, dealId: string, pointId: string, nowIso: string): Promise<number> {
  const rows = await repo.wechatPaidOrdersAt(trx, dealId, pointId)
  let count = 0
  for (const r of rows) {
    if (!r.openid || !r.provider_ref) continue
    const payload: Omit<ShippingPayload, 'mchid'> = {
      outTradeNo: r.provider_ref,
      openid: r.openid,
      // the goods as the shopper will read them in WeChat's "待收货" notice (at most 120 characters)
      itemDesc: `${r.product_name} ${r.product_spec} ×${r.quantity}`.slice(0, 120),
    }
    await shippingOutbox.enqueue(trx, `shipping:${r.payment_id}`, r.user_id, payload, nowIso)
    count++
  }
  return count
}

/** RFC 3339 in Beijing time with milliseconds, as WeChat's examples write upload_time. */
function uploadTime(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 23)}+08:00`
}

async function deliverShipping(ctx: AppContext, payload: Omit<ShippingPayload, 'mchid'>): Promise<Delivery> {
  const mchid = ctx.config.wechatpay?.mchId
  if (!ctx.config.wechat || !mchid) return { outcome: 'skipped', note: 'WeChat Pay is not configured' }
  const answer = await uploadShippingInfo(ctx, {
    order_key: { order_number_type: 1, mchid, out_trade_no: payload.outTradeNo },
    logistics_type: 4,
    delivery_mode: 1,
    shipping_list: [{ item_desc: payload.itemDesc }],
    upload_time: uploadTime(ctx.now()),
    payer: { openid: payload.openid },
  })
  if (answer.errcode === 0) return { outcome: 'sent' }
  return { outcome: 'retry', note: `${answer.errcode} ${answer.errmsg}` }
}

import crypto from 'node:crypto'
import type { Config } from '../../../server/config'
import { loadPaymentConfig } from '../../../server/features/payments/wechatpay-config'
import { call, newPoint, person, type Auth } from '../engine-api'
import { startTestApp, type TestApp } from '../helpers'
import { FakeWechat } from './wechat-server'
import { FakeWechatPay } from './wechatpay-server'

export type WechatShopper = Auth & { openid: string }

/**
 * What the WeChat tests start from: the app wired to local fakes of WeChat and WeChat Pay (real
 * signatures and encryption), a leader, and her pickup point.
 */
export interface WechatTown {
  wechat: FakeWechat
  pay: FakeWechatPay
  t: TestApp
  leader: Auth
  pointId: string
  /** a shopper who opened the mini-program in WeChat (so her openid is known) */
  wechatShopper(): Promise<WechatShopper>
  /** join, pay in WeChat, and let WeChat's notification arrive; the order's id */
  paidOrder(shopper: Auth, dealId: string, quantity?: number): Promise<string>
  close(): Promise<void>
}

let shoppers = 0
let keys = 0

/** `wechatFollowsTestClock`: the WeChat fake tells time by the test's clock (token expiry). */
export async function startWechatTown(
  config: Partial<Config> = {},
  options: { wechatFollowsTestClock?: boolean; pointName?: string } = {},
): Promise<WechatTown> {
  const wechat = await new FakeWechat().start()
  let t: TestApp | undefined
  const clock = () => (t ? t.clock.now() : new Date())
  if (options.wechatFollowsTestClock) wechat.now = clock
  const pay = await new FakeWechatPay(clock).start()
  const payments = loadPaymentConfig(pay.env(), false, wechat.appId)
  t = await startTestApp({ wechat: { appId: wechat.appId, appSecret: wechat.appSecret, apiBase: wechat.baseUrl }, ...payments, ...config })
  const app = t.app
  const leader = await person(app, '王阿姨', 'leader')
  const pointId = await newPoint(app, leader, options.pointName)

  return {
    wechat,
    pay,
    t,
    leader,
    pointId,
    async wechatShopper() {
      const openid = `o-shopper-${++shoppers}-${crypto.randomBytes(3).toString('hex')}`
      const body = (
        await app.inject({ method: 'POST', url: '/api/v1/auth/wechat-login', payload: { code: wechat.issueLoginCode({ openid }) } })
      ).json()
      return { authorization: `Bearer ${body.token}`, userId: body.user.id, openid }
    },
    async paidOrder(shopper, dealId, quantity = 1) {
      const joined = await call(
        app,
        shopper,
        'POST',
        `/deals/${dealId}/orders`,
        { quantity, pickupPointId: pointId },
        { 'idempotency-key': `wx-${++keys}-${Date.now()}` },
      )
      if (joined.status !== 201) throw new Error(`join: ${JSON.stringify(joined.body)}`)
      const orderId = joined.body.order.id
      const paying = await call(app, shopper, 'POST', `/orders/${orderId}/pay`)
      if (paying.status !== 200) throw new Error(`pay: ${JSON.stringify(paying.body)}`)
      const s = pay.pay(orderId)
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/payments/wechat/notify',
        headers: { 'content-type': 'application/json', ...s.headers },
        payload: s.body,
      })
      if (res.statusCode !== 204) throw new Error(`notify: ${res.statusCode} ${res.body}`)
      return orderId
    },
    async close() {
      await t!.close()
      await pay.stop()
      await wechat.stop()
    },
  }
}

import crypto from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { reconcileWechatPayments } from '../../server/features/payments/wechatpay-reconcile'
import { settleDueDeals } from '../../server/features/settlement/settlement.service'
import { runWechatJobs } from '../../server/jobs/wechat-jobs'
import { call, dealInput, openDeal, person, type Auth } from './engine-api'
import type { FakeWechat } from './fakes/wechat-server'
import type { FakeWechatPay, SignedNotification } from './fakes/wechatpay-server'
import { startWechatTown, type WechatTown } from './fakes/wechat-town'
import type { TestApp } from './helpers'

// RSA keys are generated for each run: give the setup time on a busy machine
jest.setTimeout(60_000)

let town: WechatTown
let wechat: FakeWechat
let pay: FakeWechatPay
let t: TestApp
let leader: Auth
let pointId: string
let dealId: string

beforeAll(async () => {
  town = await startWechatTown()
  ;({ wechat, pay, t, leader, pointId } = town)
  // one price, so every order here costs ¥12.80 a unit however many join
  dealId = await openDeal(t.app, leader, dealInput(t.clock.now(), [pointId], { tiers: [{ threshold: 1, unitPriceFen: 1280 }], minToSucceed: 1 }))
})
afterAll(() => town.close())

const wechatShopper = () => town.wechatShopper()

let keys = 0
async function joinAndStartPaying(shopper: Auth, quantity = 1, deal = dealId) {
  const joined = await call(
    t.app,
    shopper,
    'POST',
    `/deals/${deal}/orders`,
    { quantity, pickupPointId: pointId },
    { 'idempotency-key': `wxpay-${++keys}-${Date.now()}` },
  )
  expect(joined.status).toBe(201)
  const paying = await call(t.app, shopper, 'POST', `/orders/${joined.body.order.id}/pay`)
  return { orderId: joined.body.order.id as string, paying }
}

const notify = (n: SignedNotification, headers: Record<string, string> = n.headers, body = n.body) =>
  t.app.inject({ method: 'POST', url: '/api/v1/payments/wechat/notify', headers: { 'content-type': 'application/json', ...headers }, payload: body })

const orderOf = async (shopper: Auth, id: string) => (await call(t.app, shopper, 'GET', `/orders/${id}`)).body.order
const paymentRows = (orderId: string) => t.ctx.db.selectFrom('payments').selectAll().where('order_id', '=', orderId).execute()

describe('paying with WeChat Pay (JSAPI)', () => {
  it('paying opens a prepay order signed by the merchant and returns what Taro.requestPayment needs', async () => {
    const mei = await wechatShopper()
    const { orderId, paying } = await joinAndStartPaying(mei, 2)
    expect(paying.status).toBe(200)
    const { payment, order } = paying.body
    expect(order.status).toBe('pending_payment')
    expect(payment.provider).toBe('wechatpay')
    expect(payment.amountFen).toBe(2560)
    const params = payment.params
    expect(Object.keys(params).sort()).toEqual(['appId', 'nonceStr', 'package', 'paySign', 'signType', 'timeStamp'])
    expect(params.appId).toBe(wechat.appId)
    expect(params.signType).toBe('RSA')
    expect(params.timeStamp).toBe(String(Math.floor(t.clock.now().getTime() / 1000)))
    expect(params.nonceStr).toMatch(/^[A-Z0-9]{32}$/)

    // what WeChat received: one authorised JSAPI prepay for exactly this order
    const prepay = pay.orders.get(orderId)!
    expect(params.package).toBe(`prepay_id=${prepay.prepayId}`)
    expect(prepay.body).toMatchObject({
      appid: wechat.appId,
      mchid: pay.mchId,
      out_trade_no: orderId,
      notify_url: 'https://linli.example.com/api/v1/payments/wechat/notify',
      amount: { total: 2560, currency: 'CNY' },
      payer: { openid: mei.openid },
    })
    expect(prepay.body.time_expire).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/)
    expect(pay.requests.every((r) => r.authorized)).toBe(true)

    // the paySign is what the WeChat client checks: appId\ntimeStamp\nnonceStr\npackage\n, merchant key
    const message = `${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`
    expect(crypto.verify('sha256', Buffer.from(message), pay.merchantPublicKey, Buffer.from(params.paySign, 'base64'))).toBe(true)
  })

  it('tapping 支付 twice reuses the same WeChat payment, so nobody can be charged twice', async () => {
    const jun = await wechatShopper()
    const { orderId, paying } = await joinAndStartPaying(jun)
    const again = await call(t.app, jun, 'POST', `/orders/${orderId}/pay`)
    expect(again.status).toBe(200)
    expect(again.body.payment.params.package).toBe(paying.body.payment.params.package)
    expect(await paymentRows(orderId)).toHaveLength(1)
  })

  it('the payment notification marks the order paid once, however often WeChat delivers it', async () => {
    const lan = await wechatShopper()
    const { orderId } = await joinAndStartPaying(lan)
    const n = pay.pay(orderId)

    const first = await notify(n)
    expect(first.statusCode).toBe(204)
    const paid = await orderOf(lan, orderId)
    expect(paid.status).toBe('paid')
    expect(paid.paidFen).toBe(1280)
    expect(paid.pickupCode).toMatch(/^\d{6}$/)
    const [payment] = await paymentRows(orderId)
    expect(payment.status).toBe('succeeded')
    expect(payment.wechat_transaction_id).toBe(pay.orders.get(orderId)!.transactionId)

    // WeChat retries (same notification) and a second notification of the same payment: no change
    t.clock.advance(30_000)
    expect((await notify(n)).statusCode).toBe(204)
    expect((await notify(pay.pay(orderId))).statusCode).toBe(204)
    const after = await orderOf(lan, orderId)
    expect(after).toEqual(paid)
    expect(await paymentRows(orderId)).toEqual([payment])
  })

  describe('a notification that cannot be trusted or does not match changes nothing', () => {
    let shopper: Auth
    let orderId: string
    let good: SignedNotification

    beforeAll(async () => {
      shopper = await wechatShopper()
      ;({ orderId } = await joinAndStartPaying(shopper))
      good = pay.pay(orderId)
    })

    const stillUnpaid = async () => {
      expect((await orderOf(shopper, orderId)).status).toBe('pending_payment')
      expect((await paymentRows(orderId))[0].status).toBe('pending')
    }

    it('a body changed after signing (say, a bigger amount) is refused', async () => {
      const res = await notify(good, good.headers, good.body.replace('"TRANSACTION.SUCCESS"', '"TRANSACTION.SUCCESS" '))
      expect(res.statusCode).toBe(401)
      expect(res.json()).toEqual({ code: 'FAIL', message: 'signature bad_signature' })
      await stillUnpaid()
    })

    it('a tampered signature is refused', async () => {
      const sig = Buffer.from(good.headers['Wechatpay-Signature'], 'base64')
      sig[10] ^= 0xff
      const res = await notify(good, { ...good.headers, 'Wechatpay-Signature': sig.toString('base64') })
      expect(res.statusCode).toBe(401)
      await stillUnpaid()
    })

    it('a notification signed by someone else, even naming the real serial, is refused', async () => {
      const forged = pay.notification('TRANSACTION.SUCCESS', 'transaction', JSON.parse('{}'), 'x', { signWith: pay.otherPlatform.privateKey })
      expect((await notify(forged)).statusCode).toBe(401)
      await stillUnpaid()
    })

    it('an unknown platform serial is refused', async () => {
      const n = pay.notification('TRANSACTION.SUCCESS', 'transaction', {}, 'x', {
        signWith: pay.otherPlatform.privateKey,
        serial: pay.otherPlatform.serial,
      })
      const res = await notify(n)
      expect(res.statusCode).toBe(401)
      expect(res.json().message).toBe('signature unknown_serial')
      await stillUnpaid()
    })

    it('a stale timestamp (a replay from ten minutes ago) is refused', async () => {
      const old = Math.floor(t.clock.now().getTime() / 1000) - 600
      const txn = { appid: wechat.appId, mchid: pay.mchId, out_trade_no: orderId, trade_state: 'SUCCESS', amount: { total: 1280, currency: 'CNY' } }
      const res = await notify(pay.notification('TRANSACTION.SUCCESS', 'transaction', txn, '支付成功', { timestamp: old }))
      expect(res.statusCode).toBe(401)
      expect(res.json().message).toBe('signature stale_timestamp')
      await stillUnpaid()
    })

    it('missing signature headers are refused', async () => {
      expect((await notify(good, { 'Wechatpay-Timestamp': good.headers['Wechatpay-Timestamp'] })).statusCode).toBe(401)
      await stillUnpaid()
    })

    it('a resource not encrypted with our APIv3 key is refused', async () => {
      const txn = { appid: wechat.appId, mchid: pay.mchId, out_trade_no: orderId, trade_state: 'SUCCESS', amount: { total: 1280, currency: 'CNY' } }
      const n = pay.notification('TRANSACTION.SUCCESS', 'transaction', txn, '支付成功', { apiV3Key: crypto.randomBytes(16).toString('hex') })
      const res = await notify(n)
      expect(res.statusCode).toBe(400)
      await stillUnpaid()
    })

    it('a wrong amount is refused', async () => {
      const res = await notify(pay.pay(orderId, { total: 1 }))
      expect(res.statusCode).toBe(400)
      expect(res.json().message).toMatch(/amount mismatch/)
      await stillUnpaid()
    })

    it('another merchant or another app is refused', async () => {
      for (const change of [{ mchid: '1900000999' }, { appid: 'wx-somebody-else' }]) {
        const txn = {
          appid: wechat.appId,
          mchid: pay.mchId,
          out_trade_no: orderId,
          trade_state: 'SUCCESS',
          amount: { total: 1280, currency: 'CNY' },
          ...change,
        }
        expect((await notify(pay.notification('TRANSACTION.SUCCESS', 'transaction', txn, '支付成功'))).statusCode).toBe(400)
      }
      await stillUnpaid()
    })

    it('a body that is not JSON is refused without a 500', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/payments/wechat/notify',
        headers: { 'content-type': 'application/json' },
        payload: '{nope',
      })
      expect(res.statusCode).toBe(401)
      await stillUnpaid()
    })

    it('and the genuine notification is then accepted (whatever charset the content type names)', async () => {
      // (its timestamp is still within five minutes)
      expect((await notify(good, { ...good.headers, 'content-type': 'application/json; charset=utf-8' })).statusCode).toBe(204)
      expect((await orderOf(shopper, orderId)).status).toBe('paid')
      // a replay after five minutes is refused as stale, and changes nothing either
      t.clock.advance(6 * 60_000)
      expect((await notify(good)).statusCode).toBe(401)
      expect((await orderOf(shopper, orderId)).status).toBe('paid')
    })
  })

  it('back from WeChat’s payment sheet before the notification, the app asks again and sees the order paid', async () => {
    const xia = await wechatShopper()
    const { orderId } = await joinAndStartPaying(xia)
    pay.pay(orderId) // paid in WeChat; the notification is still on its way
    const again = await call(t.app, xia, 'POST', `/orders/${orderId}/pay`)
    expect(again.status).toBe(200)
    expect(again.body.order).toMatchObject({ status: 'paid', paidFen: 1280 })
    expect(again.body.order.pickupCode).toMatch(/^\d{6}$/)
    // the notification then changes nothing
    const late = pay.notification(
      'TRANSACTION.SUCCESS',
      'transaction',
      {
        appid: wechat.appId,
        mchid: pay.mchId,
        out_trade_no: orderId,
        transaction_id: pay.orders.get(orderId)!.transactionId,
        trade_state: 'SUCCESS',
        amount: { total: 1280, currency: 'CNY' },
      },
      '支付成功',
    )
    expect((await notify(late)).statusCode).toBe(204)
    expect((await orderOf(xia, orderId)).status).toBe('paid')
    expect((await paymentRows(orderId)).map((p) => p.status)).toEqual(['succeeded'])
  })

  it('the same notification arriving five times at once still completes the payment once', async () => {
    const zhu = await wechatShopper()
    const { orderId } = await joinAndStartPaying(zhu)
    const n = pay.pay(orderId)
    const answers = await Promise.all(Array.from({ length: 5 }, () => notify(n)))
    expect(answers.map((a) => a.statusCode)).toEqual([204, 204, 204, 204, 204])
    const order = await orderOf(zhu, orderId)
    expect(order).toMatchObject({ status: 'paid', paidFen: 1280 })
    expect((await paymentRows(orderId)).map((p) => p.status)).toEqual(['succeeded'])
    const notes = await t.ctx.db.selectFrom('wechatpay_notifications').selectAll().where('resource_ref', '=', orderId).execute()
    expect(notes).toHaveLength(1)
  })

  it('WeChat delivers to the notify URL over HTTP and gets its answer at once', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = t.app.server.address() as AddressInfo
    t.ctx.config.wechatpay!.notifyUrl = `http://127.0.0.1:${port}/api/v1/payments/wechat/notify`
    const yu = await wechatShopper()
    const { orderId } = await joinAndStartPaying(yu)
    expect(pay.notifyUrlOf(orderId)).toBe(t.ctx.config.wechatpay!.notifyUrl)
    const answer = await pay.deliver(pay.notifyUrlOf(orderId), pay.pay(orderId))
    expect(answer.status).toBe(204)
    expect(answer.body).toBe('')
    // WeChat waits five seconds at most; the work is one local transaction
    expect(answer.ms).toBeLessThan(1000)
    expect((await orderOf(yu, orderId)).status).toBe('paid')
  })

  it('when no notification arrives, the server asks WeChat Pay about the order and applies the answer', async () => {
    const hua = await wechatShopper()
    const { orderId } = await joinAndStartPaying(hua)
    pay.pay(orderId) // paid at WeChat; the notification is lost
    expect(await reconcileWechatPayments(t.ctx)).toBe(0) // too early to ask
    t.clock.advance(2 * 60_000)
    expect(await reconcileWechatPayments(t.ctx)).toBe(1)
    expect((await orderOf(hua, orderId)).status).toBe('paid')
    expect(pay.requests.some((r) => r.method === 'GET' && r.path === `/v3/pay/transactions/out-trade-no/${orderId}?mchid=${pay.mchId}`)).toBe(true)
    t.clock.advance(2 * 60_000)
    expect(await reconcileWechatPayments(t.ctx)).toBe(0)
  })

  it('an unpaid WeChat order is closed once its hold has run out, and not asked about again', async () => {
    const bo = await wechatShopper()
    const { orderId } = await joinAndStartPaying(bo)
    t.clock.advance(20 * 60_000)
    await reconcileWechatPayments(t.ctx)
    expect((await paymentRows(orderId))[0].status).toBe('closed')
    const asked = pay.requests.length
    t.clock.advance(5 * 60_000)
    await reconcileWechatPayments(t.ctx)
    expect(pay.requests.length).toBe(asked)
  })

  it('an order cancelled while its WeChat payment is open is closed at WeChat, so it cannot be paid after all', async () => {
    const fang = await wechatShopper()
    const { orderId } = await joinAndStartPaying(fang)
    expect((await call(t.app, fang, 'POST', `/orders/${orderId}/cancel`)).status).toBe(200)
    t.clock.advance(2 * 60_000)
    await reconcileWechatPayments(t.ctx)
    expect(pay.orders.get(orderId)!.state).toBe('CLOSED')
    expect(
      pay.requests.some(
        (r) => r.method === 'POST' && r.path === `/v3/pay/transactions/out-trade-no/${orderId}/close` && JSON.parse(r.body).mchid === pay.mchId,
      ),
    ).toBe(true)
    expect((await paymentRows(orderId))[0].status).toBe('closed')
    expect(() => pay.pay(orderId)).toThrow(/closed/)
  })

  it('money that arrives after the deal closed goes straight back to the shopper, in full, once', async () => {
    const closesSoon = await openDeal(
      t.app,
      leader,
      dealInput(t.clock.now(), [pointId], { cutoffAt: new Date(t.clock.now().getTime() + 10 * 60_000).toISOString(), minToSucceed: 1 }),
    )
    const late = await wechatShopper()
    const { orderId } = await joinAndStartPaying(late, 1, closesSoon)
    // WeChat is told to stop taking money at the cutoff, which comes before the hold's end
    const cutoff = new Date(t.clock.now().getTime() + 10 * 60_000)
    expect(Date.parse(pay.orders.get(orderId)!.body.time_expire)).toBe(Math.floor(cutoff.getTime() / 1000) * 1000)

    t.clock.advance(11 * 60_000)
    await settleDueDeals(t.ctx)
    // the payer confirmed in WeChat at the last second anyway
    expect((await notify(pay.pay(orderId))).statusCode).toBe(204)
    expect((await orderOf(late, orderId)).status).toBe('expired')
    expect((await paymentRows(orderId))[0].status).toBe('refund_due')

    await runWechatJobs(t.ctx)
    await runWechatJobs(t.ctx)
    const refunds = [...pay.refunds.values()].filter((r) => r.out_trade_no === orderId)
    expect(refunds.map((r) => [r.out_refund_no, r.amount, r.reason])).toEqual([
      [`late_${orderId}`, { refund: 1280, total: 1280 }, '订单已失效，退还付款'],
    ])
    expect((await paymentRows(orderId))[0].status).toBe('refunding')

    const done = pay.finishRefund(`late_${orderId}`)
    const res = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/payments/wechat/refund-notify',
        headers: { 'content-type': 'application/json', ...done.headers },
        payload: done.body,
      })
    expect((await res()).statusCode).toBe(204)
    expect((await res()).statusCode).toBe(204)
    expect((await paymentRows(orderId))[0].status).toBe('refunded')
    // a repeated payment notification does not start it over
    expect((await notify(pay.pay(orderId))).statusCode).toBe(204)
    expect((await paymentRows(orderId))[0].status).toBe('refunded')
  })

  it('an answer from WeChat Pay that is not signed by the platform is not trusted', async () => {
    const ke = await wechatShopper()
    pay.forgeResponses = true
    try {
      const { paying } = await joinAndStartPaying(ke)
      expect(paying.status).toBe(502)
      expect(paying.body.error.code).toBe('WECHATPAY_UNAVAILABLE')
    } finally {
      pay.forgeResponses = false
    }
  })

  it('a shopper signed in without WeChat cannot start a WeChat payment', async () => {
    const devShopper = await person(t.app, '测试用户')
    const { paying } = await joinAndStartPaying(devShopper)
    expect(paying.status).toBe(409)
    expect(paying.body.error.code).toBe('WECHAT_PAYER_UNKNOWN')
  })
})

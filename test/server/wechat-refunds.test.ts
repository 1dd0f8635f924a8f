import { paymentProvider } from '../../server/features/payments/payment-provider'
import { processPendingRefunds } from '../../server/features/payments/payments.service'
import { settleDueDeals } from '../../server/features/settlement/settlement.service'
import { runWechatJobs } from '../../server/jobs/wechat-jobs'
import { call, dealInput, openDeal, type Auth } from './engine-api'
import type { FakeWechatPay, SignedNotification } from './fakes/wechatpay-server'
import { startWechatTown, type WechatTown } from './fakes/wechat-town'
import type { TestApp } from './helpers'

jest.setTimeout(60_000)

let town: WechatTown
let pay: FakeWechatPay
let t: TestApp
let leader: Auth
let pointId: string

beforeAll(async () => {
  town = await startWechatTown()
  ;({ pay, t, leader, pointId } = town)
})
afterAll(() => town.close())

const wechatShopper = () => town.wechatShopper()
const paidOrder = (shopper: Auth, dealId: string, quantity = 1) => town.paidOrder(shopper, dealId, quantity)

const notifyAt = (path: string, s: SignedNotification, headers = s.headers, body = s.body) =>
  t.app.inject({ method: 'POST', url: `/api/v1${path}`, headers: { 'content-type': 'application/json', ...headers }, payload: body })
const refundNotify = (s: SignedNotification, headers = s.headers, body = s.body) => notifyAt('/payments/wechat/refund-notify', s, headers, body)
const refundsOf = (orderId: string) => t.ctx.db.selectFrom('refunds').selectAll().where('order_id', '=', orderId).execute()
const wechatRefundsOf = (orderId: string) => [...pay.refunds.values()].filter((r) => r.out_trade_no === orderId)

describe('refunds through WeChat Pay', () => {
  let failedOrder: string
  let shopper: Auth

  it('a deal that fails is refunded in full through the refunds API, with our refund id as out_refund_no', async () => {
    const dealId = await openDeal(t.app, leader, dealInput(t.clock.now(), [pointId], { minToSucceed: 2 }))
    shopper = await wechatShopper()
    failedOrder = await paidOrder(shopper, dealId, 2)
    t.clock.advance(25 * 3_600_000)
    expect(await settleDueDeals(t.ctx)).toBe(1)

    const [refund] = await refundsOf(failedOrder)
    expect(refund).toMatchObject({ reason: 'deal_failed', amount_fen: 2560, status: 'processing' })
    const [atWechat] = wechatRefundsOf(failedOrder)
    expect(atWechat).toMatchObject({
      out_refund_no: refund.id,
      out_trade_no: failedOrder,
      amount: { refund: 2560, total: 2560 },
      reason: '未成团，全额退款',
      notifyUrl: 'https://linli.example.com/api/v1/payments/wechat/refund-notify',
    })
    expect(refund.provider_ref).toBe(atWechat.refund_id)
    expect((await call(t.app, shopper, 'GET', `/orders/${failedOrder}`)).body.order).toMatchObject({ status: 'refunded', refundFen: 2560 })
  })

  it('asking again (a retried sweep, a second server) refunds nothing more', async () => {
    await processPendingRefunds(t.ctx)
    const [refund] = await refundsOf(failedOrder)
    // straight at the provider with the same out_refund_no: WeChat answers the same refund
    const again = await paymentProvider(t.ctx).refund({
      refundId: refund.id,
      paymentRef: failedOrder,
      amountFen: 2560,
      totalFen: 2560,
      reason: 'deal_failed',
    })
    expect(again.providerRef).toBe(refund.provider_ref)
    expect(wechatRefundsOf(failedOrder)).toHaveLength(1)
  })

  it('the refund notification marks it succeeded, once', async () => {
    const [refund] = await refundsOf(failedOrder)
    const done = pay.finishRefund(refund.id)
    expect((await refundNotify(done)).statusCode).toBe(204)
    expect((await refundsOf(failedOrder))[0].status).toBe('succeeded')
    expect((await refundNotify(done)).statusCode).toBe(204)
    expect(await refundsOf(failedOrder)).toEqual([{ ...refund, status: 'succeeded' }])
  })

  it('a refund notification that is forged, stale, for another amount or an unknown refund changes nothing', async () => {
    const dealId = await openDeal(t.app, leader, dealInput(t.clock.now(), [pointId], { minToSucceed: 2 }))
    const other = await wechatShopper()
    const orderId = await paidOrder(other, dealId)
    t.clock.advance(25 * 3_600_000)
    await settleDueDeals(t.ctx)
    const [refund] = await refundsOf(orderId)
    expect(refund.status).toBe('processing')
    const good = pay.finishRefund(refund.id)
    const resource = (over: object) => ({
      mchid: pay.mchId,
      out_trade_no: orderId,
      out_refund_no: refund.id,
      refund_id: refund.provider_ref,
      refund_status: 'SUCCESS',
      amount: { total: 1280, refund: 1280, payer_total: 1280, payer_refund: 1280 },
      ...over,
    })

    const sig = Buffer.from(good.headers['Wechatpay-Signature'], 'base64')
    sig[3] ^= 1
    expect((await refundNotify(good, { ...good.headers, 'Wechatpay-Signature': sig.toString('base64') })).statusCode).toBe(401)
    expect((await refundNotify(good, good.headers, good.body.replace('REFUND.SUCCESS', 'REFUND.CLOSED'))).statusCode).toBe(401)
    const stale = pay.notification('REFUND.SUCCESS', 'refund', resource({}), '退款成功', {
      timestamp: Math.floor(t.clock.now().getTime() / 1000) - 301,
    })
    expect((await refundNotify(stale)).statusCode).toBe(401)
    const foreignSerial = pay.notification('REFUND.SUCCESS', 'refund', resource({}), '退款成功', {
      serial: pay.otherPlatform.serial,
      signWith: pay.otherPlatform.privateKey,
    })
    expect((await refundNotify(foreignSerial)).statusCode).toBe(401)
    expect(
      (await refundNotify(pay.notification('REFUND.SUCCESS', 'refund', resource({ amount: { total: 1280, refund: 1 } }), '退款成功'))).statusCode,
    ).toBe(400)
    expect((await refundNotify(pay.notification('REFUND.SUCCESS', 'refund', resource({ out_refund_no: 'nope-nope' }), '退款成功'))).statusCode).toBe(
      400,
    )
    expect((await refundNotify(pay.notification('REFUND.SUCCESS', 'refund', resource({ mchid: '1900000999' }), '退款成功'))).statusCode).toBe(400)
    expect((await refundsOf(orderId))[0].status).toBe('processing')

    expect((await refundNotify(good)).statusCode).toBe(204)
    expect((await refundsOf(orderId))[0].status).toBe('succeeded')
  })

  it('a refund whose notification never comes is asked about, and its outcome recorded', async () => {
    const dealId = await openDeal(t.app, leader, dealInput(t.clock.now(), [pointId], { minToSucceed: 2 }))
    const orderId = await paidOrder(await wechatShopper(), dealId)
    t.clock.advance(25 * 3_600_000)
    await settleDueDeals(t.ctx)
    const [refund] = await refundsOf(orderId)
    pay.finishRefund(refund.id) // done at WeChat; the notification is lost
    await runWechatJobs(t.ctx)
    expect((await refundsOf(orderId))[0].status).toBe('processing') // too early to ask
    t.clock.advance(6 * 60_000)
    await runWechatJobs(t.ctx)
    expect((await refundsOf(orderId))[0].status).toBe('succeeded')
    expect(pay.requests.some((r) => r.method === 'GET' && r.path === `/v3/refund/domestic/refunds/${refund.id}`)).toBe(true)
  })

  it('a refund WeChat could not complete (the card was closed) is marked abnormal for an operator', async () => {
    const dealId = await openDeal(t.app, leader, dealInput(t.clock.now(), [pointId], { minToSucceed: 2 }))
    const orderId = await paidOrder(await wechatShopper(), dealId)
    t.clock.advance(25 * 3_600_000)
    await settleDueDeals(t.ctx)
    const [refund] = await refundsOf(orderId)
    expect((await refundNotify(pay.finishRefund(refund.id, 'ABNORMAL'))).statusCode).toBe(204)
    expect((await refundsOf(orderId))[0].status).toBe('abnormal')
  })

  it('the price guarantee: whoever paid above the final tier gets exactly the difference back from WeChat', async () => {
    const dealId = await openDeal(
      t.app,
      leader,
      dealInput(t.clock.now(), [pointId], {
        tiers: [
          { threshold: 1, unitPriceFen: 1280 },
          { threshold: 2, unitPriceFen: 990 },
        ],
        minToSucceed: 1,
      }),
    )
    const early = await paidOrder(await wechatShopper(), dealId, 2) // 2 × ¥12.80
    const late = await paidOrder(await wechatShopper(), dealId, 1) // ¥9.90
    t.clock.advance(25 * 3_600_000)
    await settleDueDeals(t.ctx)
    expect(wechatRefundsOf(early).map((r) => r.amount)).toEqual([{ refund: 580, total: 2560 }])
    expect(wechatRefundsOf(early)[0].reason).toBe('拼团成交价更低，退还差价')
    expect(wechatRefundsOf(late)).toEqual([])
  })

  it('a shopper who cancels a paid order before cutoff is refunded in full at once', async () => {
    const dealId = await openDeal(t.app, leader, dealInput(t.clock.now(), [pointId]))
    const me = await wechatShopper()
    const orderId = await paidOrder(me, dealId)
    const res = await call(t.app, me, 'POST', `/orders/${orderId}/cancel`)
    expect(res.status).toBe(200)
    expect(wechatRefundsOf(orderId).map((r) => [r.amount.refund, r.reason])).toEqual([[1280, '订单已取消，全额退款']])
  })

  it('when WeChat Pay is down the refund stays owed, nothing fails, and it is asked again after a growing wait', async () => {
    const dealId = await openDeal(t.app, leader, dealInput(t.clock.now(), [pointId], { minToSucceed: 2 }))
    const orderId = await paidOrder(await wechatShopper(), dealId)
    pay.failWith = 500
    try {
      t.clock.advance(25 * 3_600_000)
      expect(await settleDueDeals(t.ctx)).toBeGreaterThanOrEqual(1)
      expect((await refundsOf(orderId))[0]).toMatchObject({ status: 'pending', attempts: 1 })
      expect(wechatRefundsOf(orderId)).toEqual([])
      // still down 30 seconds later: the second wait is a minute
      t.clock.advance(30_000)
      await processPendingRefunds(t.ctx)
      expect((await refundsOf(orderId))[0]).toMatchObject({ status: 'pending', attempts: 2 })
    } finally {
      pay.failWith = null
    }
    // WeChat is back, but the sweep a second later does not ask yet: the minute is not over
    t.clock.advance(1_000)
    await processPendingRefunds(t.ctx)
    expect((await refundsOf(orderId))[0].status).toBe('pending')
    expect(wechatRefundsOf(orderId)).toEqual([])

    t.clock.advance(60_000)
    await processPendingRefunds(t.ctx)
    expect((await refundsOf(orderId))[0].status).toBe('processing')
    expect(wechatRefundsOf(orderId)).toHaveLength(1)
    expect(wechatRefundsOf(orderId)[0]).toMatchObject({ amount: { refund: 1280 } })
  })
})

import { call, dealInput, openDeal } from './engine-api'
import type { FakeWechatPay } from './fakes/wechatpay-server'
import { startWechatTown, type WechatTown } from './fakes/wechat-town'

jest.setTimeout(60_000)

const HOUR = 3_600_000
let town: WechatTown
let pay: FakeWechatPay
beforeAll(async () => {
  town = await startWechatTown()
  pay = town.pay
})
afterAll(() => town.close())

describe('an after-sales approval refunds through WeChat Pay like every other refund', () => {
  it("the approved part goes to WeChat's refunds API once, with the request's refund id as out_refund_no", async () => {
    const { t, leader, pointId } = town
    const now = t.clock.now()
    const dealId = await openDeal(t.app, leader, dealInput(now, [pointId], { minToSucceed: 1 }))
    const shopper = await town.wechatShopper()
    const orderId = await town.paidOrder(shopper, dealId, 2)
    t.clock.set(new Date(now.getTime() + 25 * HOUR).toISOString())
    await call(t.app, null, 'GET', `/deals/${dealId}`)
    t.clock.set(new Date(now.getTime() + 49 * HOUR).toISOString())
    await call(t.app, leader, 'POST', `/leader/deals/${dealId}/arrivals`, { pickupPointId: pointId })
    const code = (await call(t.app, shopper, 'GET', `/orders/${orderId}`)).body.order.pickupCode
    expect((await call(t.app, leader, 'POST', '/leader/pickups/verify', { code })).status).toBe(200)

    const asked = await call(t.app, shopper, 'POST', `/orders/${orderId}/after-sales`, { quantity: 1, reason: 'short_weight', note: '', photos: [] })
    expect(asked.status).toBe(201)
    const approved = await call(t.app, leader, 'POST', `/leader/after-sales/${asked.body.request.id}/approve`, { amountFen: 300 })
    expect(approved.status).toBe(200)

    const [refund] = await t.ctx.db.selectFrom('refunds').selectAll().where('order_id', '=', orderId).where('reason', '=', 'after_sales').execute()
    expect(refund).toMatchObject({ amount_fen: 300, source: asked.body.request.id, status: 'processing' })
    const atWechat = [...pay.refunds.values()].filter((r) => r.out_trade_no === orderId)
    expect(atWechat).toEqual([expect.objectContaining({ out_refund_no: refund.id, amount: { refund: 300, total: 2560 }, reason: '售后退款' })])
  })
})

import { startTestApp, type TestApp } from './helpers'
import { call, dealInput, joinAndPay, newPoint, openDeal, person } from './engine-api'

// PostgreSQL schema set-up and many real requests need more than jest's 5 s
jest.setTimeout(60_000)

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

const HOUR = 3_600_000
const kinds = (timeline: { kind: string }[]) => timeline.map((s) => s.kind)

describe("an order's timeline", () => {
  it('shows placed, paid, settled with the difference, its refund, arrived and picked up, in that order', async () => {
    const leader = await person(t.app, '王阿姨', 'leader')
    const point = await newPoint(t.app, leader)
    const start = t.clock.now()
    const dealId = await openDeal(t.app, leader, dealInput(start, [point]))

    // 小梅 pays ¥12.80 for 2; two neighbours join after her and unlock ¥9.90
    const xiaomei = await person(t.app, '张小梅')
    const mine = (await joinAndPay(t.app, xiaomei, dealId, { quantity: 2, pickupPointId: point })).order
    t.clock.advance(60_000)
    for (const name of ['李兰', '赵大姐']) await joinAndPay(t.app, await person(t.app, name), dealId, { quantity: 1, pickupPointId: point })

    // cutoff: the deal succeeds at ¥9.90, ¥2.90 × 2 comes back to her
    t.clock.set(new Date(start.getTime() + 24 * HOUR + 1000).toISOString())
    expect((await call(t.app, null, 'GET', `/deals/${dealId}`)).body.deal.status).toBe('succeeded')

    // the goods arrive at the point, and she collects them with her code
    t.clock.set(new Date(start.getTime() + 48 * HOUR).toISOString())
    expect((await call(t.app, leader, 'POST', `/leader/deals/${dealId}/arrivals`, { pickupPointId: point })).status).toBe(200)
    const code = (await call(t.app, xiaomei, 'GET', `/orders/${mine.id}`)).body.order.pickupCode
    t.clock.advance(30 * 60_000)
    const verified = await call(t.app, leader, 'POST', '/leader/pickups/verify', { code })
    expect(verified.status).toBe(200)

    const order = (await call(t.app, xiaomei, 'GET', `/orders/${mine.id}`)).body.order
    expect(order.status).toBe('picked_up')
    expect(kinds(order.timeline)).toEqual(['placed', 'paid', 'settled', 'refund', 'arrived', 'picked_up'])
    const [placed, paid, settled, refund, arrived, pickedUp] = order.timeline
    expect(placed).toMatchObject({ quantity: 2, unitPriceFen: 1280, at: mine.createdAt })
    expect(paid).toMatchObject({ amountFen: 2560 })
    expect(settled).toMatchObject({ finalUnitPriceFen: 990, refundFen: 580 })
    expect(refund).toMatchObject({ amountFen: 580, reason: 'price_difference' })
    expect(typeof refund.status).toBe('string')
    expect(arrived).toMatchObject({ pointName: '幸福里便利店', at: new Date(start.getTime() + 48 * HOUR).toISOString() })
    expect(pickedUp).toMatchObject({ collectedBy: 'owner' })
    expect(pickedUp.at).toBe(new Date(start.getTime() + 48 * HOUR + 30 * 60_000).toISOString())
    // every step's time is no earlier than the one before it
    const times = order.timeline.map((s: { at: string }) => Date.parse(s.at))
    expect([...times].sort((a, b) => a - b)).toEqual(times)

    // only the owner sees it: anyone else is told the order does not exist
    const stranger = await person(t.app, '路人')
    expect((await call(t.app, stranger, 'GET', `/orders/${mine.id}`)).status).toBe(404)
    // the list does not carry timelines
    const listed = (await call(t.app, xiaomei, 'GET', '/me/orders')).body.orders[0]
    expect(listed.timeline).toBeUndefined()
  })

  it('a cancelled order shows its full refund; a failed deal shows the refund for the failure', async () => {
    const leader = await person(t.app, '李团长', 'leader')
    const point = await newPoint(t.app, leader, '桥头小卖部')
    const start = t.clock.now()
    const dealId = await openDeal(
      t.app,
      leader,
      dealInput(start, [point], { minToSucceed: 5, product: { name: '湖州千张', spec: '500g', description: '', images: [], category: 'soy' } }),
    )
    const a = await person(t.app, '钱叔')
    const b = await person(t.app, '孙阿婆')
    const cancelled = (await joinAndPay(t.app, a, dealId, { quantity: 1, pickupPointId: point })).order
    const failed = (await joinAndPay(t.app, b, dealId, { quantity: 3, pickupPointId: point })).order
    t.clock.advance(60_000)
    expect((await call(t.app, a, 'POST', `/orders/${cancelled.id}/cancel`)).status).toBe(200)

    const c = (await call(t.app, a, 'GET', `/orders/${cancelled.id}`)).body.order
    expect(kinds(c.timeline)).toEqual(['placed', 'paid', 'cancelled', 'refund'])
    expect(c.timeline[3]).toMatchObject({ amountFen: 1280, reason: 'order_cancelled' })

    t.clock.set(new Date(start.getTime() + 24 * HOUR + 1000).toISOString())
    const f = (await call(t.app, b, 'GET', `/orders/${failed.id}`)).body.order
    expect(f.status).toBe('refunded')
    expect(kinds(f.timeline)).toEqual(['placed', 'paid', 'refund'])
    expect(f.timeline[2]).toMatchObject({ amountFen: 3 * 1280, reason: 'deal_failed' })
  })
})

describe('buy again', () => {
  it("a finished order points at the same product's deal open now, and at nothing when there is none", async () => {
    const leader = await person(t.app, '周团长', 'leader')
    const point = await newPoint(t.app, leader, '村口超市')
    const start = t.clock.now()
    const product = { name: '临安山核桃', spec: '250g/袋', description: '', images: [], category: 'nuts' }
    const first = await openDeal(t.app, leader, dealInput(start, [point], { minToSucceed: 1, product }))
    const shopper = await person(t.app, '吴姐')
    const order = (await joinAndPay(t.app, shopper, first, { quantity: 1, pickupPointId: point })).order

    // still open and not finished: no button
    expect((await call(t.app, shopper, 'GET', `/orders/${order.id}`)).body.order.againDealId).toBeNull()

    t.clock.set(new Date(start.getTime() + 24 * HOUR + 1000).toISOString())
    t.clock.set(new Date(start.getTime() + 48 * HOUR).toISOString())
    await call(t.app, leader, 'POST', `/leader/deals/${first}/arrivals`, { pickupPointId: point })
    const code = (await call(t.app, shopper, 'GET', `/orders/${order.id}`)).body.order.pickupCode
    expect((await call(t.app, leader, 'POST', '/leader/pickups/verify', { code })).status).toBe(200)

    // picked up, and no deal of that product open now
    expect((await call(t.app, shopper, 'GET', `/orders/${order.id}`)).body.order.againDealId).toBeNull()

    // the leader opens the walnuts again, and something else; another leader sells walnuts too
    const now = t.clock.now()
    const again = await openDeal(t.app, leader, dealInput(now, [point], { product }))
    await openDeal(t.app, leader, dealInput(now, [point], { product: { ...product, name: '笋干' } }))
    const other = await person(t.app, '郑团长', 'leader')
    await openDeal(t.app, other, dealInput(now, [await newPoint(t.app, other, '河边驿站')], { product }))
    expect((await call(t.app, shopper, 'GET', `/orders/${order.id}`)).body.order.againDealId).toBe(again)

    // once that deal's cutoff has passed, there is nothing to buy again
    t.clock.set(new Date(now.getTime() + 24 * HOUR + 1000).toISOString())
    expect((await call(t.app, shopper, 'GET', `/orders/${order.id}`)).body.order.againDealId).toBeNull()
  })
})

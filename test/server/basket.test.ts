import fc from 'fast-check'
import { settleDueDeals } from '../../server/features/settlement/settlement.service'
import { processPendingRefunds } from '../../server/features/payments/payments.service'
import { sandboxProvider } from '../../server/features/payments/payment-provider'
import { expireStaleHolds } from '../../server/features/orders/holds'
import { call, dealInput, joinAndPay, newPoint, openDeal, person, type Auth } from './engine-api'
import { startTestApp, type TestApp } from './helpers'
import { startWechatTown, type WechatTown } from './fakes/wechat-town'

// several deals for tomorrow's pickup, one payment of their sum, each order still its own join
jest.setTimeout(120_000)

let keys = 0
const newKey = () => `basket-${process.pid}-${++keys}-${Date.now()}`

type Item = { dealId: string; quantity: number; inviteCode?: string }

async function checkout(t: { app: TestApp['app'] }, shopper: Auth, pickupPointId: string, items: Item[], key = newKey()) {
  return call(t.app, shopper, 'POST', '/baskets/checkout', { pickupPointId, items }, { 'idempotency-key': key })
}

const ladder = (a: number, b: number, c: number) => [
  { threshold: 1, unitPriceFen: a },
  { threshold: 2, unitPriceFen: b },
  { threshold: 3, unitPriceFen: c },
]
/** the list price above the ladder's first step */
const priced = (overrides: Parameters<typeof dealInput>[2] = {}) => ({
  ...(overrides.tiers ? { listPriceFen: overrides.tiers[0].unitPriceFen + 500 } : {}),
  ...overrides,
})

describe('a basket in the sandbox', () => {
  let t: TestApp
  let leader: Auth
  let pointId: string
  beforeAll(async () => {
    t = await startTestApp()
    leader = await person(t.app, '王阿姨', 'leader')
    pointId = await newPoint(t.app, leader)
  })
  afterAll(() => t.close())

  const deal = (overrides: Parameters<typeof dealInput>[2] = {}) => openDeal(t.app, leader, dealInput(t.clock.now(), [pointId], priced(overrides)))

  const paymentRowsOf = (orderIds: string[]) =>
    t.ctx.db.selectFrom('payments').selectAll().where('order_id', 'in', orderIds).where('status', '=', 'succeeded').execute()

  it('three deals, one payment of their sum, three orders paid, each at its own tier price', async () => {
    const tea = await deal({ title: '安吉白茶', tiers: ladder(1280, 990, 880) })
    const eggs = await deal({ title: '土鸡蛋', tiers: ladder(1800, 1500, 1200) })
    const rice = await deal({ title: '五常大米', tiers: ladder(5900, 4900, 3900) })
    // two neighbours are already in the eggs deal: the basket's order reaches its third tier
    for (const n of ['邻居甲', '邻居乙']) await joinAndPay(t.app, await person(t.app, n), eggs, { quantity: 1, pickupPointId: pointId })
    const lan = await person(t.app, '小兰')

    const out = await checkout(t, lan, pointId, [
      { dealId: tea, quantity: 2 },
      { dealId: eggs, quantity: 1 },
      { dealId: rice, quantity: 1 },
    ])
    expect(out.status).toBe(201)
    const basket = out.body.basket
    expect(basket.removed).toEqual([])
    expect(basket.orders.map((o: { dealId: string; unitPriceFen: number; status: string }) => [o.dealId, o.unitPriceFen, o.status])).toEqual([
      [tea, 1280, 'pending_payment'],
      [eggs, 1200, 'pending_payment'],
      [rice, 5900, 'pending_payment'],
    ])
    expect(basket.totalFen).toBe(2 * 1280 + 1200 + 5900)

    const paid = await call(t.app, lan, 'POST', `/baskets/${basket.id}/pay`)
    expect(paid.status).toBe(200)
    expect(paid.body.payment).toEqual({ provider: 'sandbox', amountFen: 9660 })
    expect(paid.body.basket.orders.map((o: { status: string; paidFen: number }) => [o.status, o.paidFen])).toEqual([
      ['paid', 2560],
      ['paid', 1200],
      ['paid', 5900],
    ])
    expect(paid.body.basket.paidFen).toBe(9660)
    // one provider transaction: every order's row under the same reference, saying the total
    const rows = await paymentRowsOf(basket.orders.map((o: { id: string }) => o.id))
    expect(rows).toHaveLength(3)
    expect(new Set(rows.map((r) => r.provider_ref)).size).toBe(1)
    expect(rows.every((r) => r.basket_fen === 9660 && r.basket_id === basket.id)).toBe(true)

    // paying again changes nothing
    const again = await call(t.app, lan, 'POST', `/baskets/${basket.id}/pay`)
    expect(again.status).toBe(200)
    expect(again.body.basket.paidFen).toBe(9660)
    expect(await paymentRowsOf(basket.orders.map((o: { id: string }) => o.id))).toHaveLength(3)
    // and the basket reads the same; nobody else sees it
    expect((await call(t.app, lan, 'GET', `/baskets/${basket.id}`)).body.basket.paidFen).toBe(9660)
    expect((await call(t.app, leader, 'GET', `/baskets/${basket.id}`)).status).toBe(404)
  })

  it('a deal that sold out is taken out with its code; the rest go through and are paid', async () => {
    const last = await deal({ title: '最后一箱橙子', stockUnits: 1, minToSucceed: 1 })
    const other = await deal({ title: '青菜' })
    await joinAndPay(t.app, await person(t.app, '抢先的邻居'), last, { quantity: 1, pickupPointId: pointId })
    const mei = await person(t.app, '小美')
    const out = await checkout(t, mei, pointId, [
      { dealId: last, quantity: 1 },
      { dealId: other, quantity: 3 },
    ])
    expect(out.status).toBe(201)
    expect(out.body.basket.removed).toEqual([{ dealId: last, code: 'SOLD_OUT' }])
    expect(out.body.basket.orders.map((o: { dealId: string }) => o.dealId)).toEqual([other])
    const paid = await call(t.app, mei, 'POST', `/baskets/${out.body.basket.id}/pay`)
    expect(paid.body.payment.amountFen).toBe(3 * 1280)
    expect(paid.body.basket.orders[0].status).toBe('paid')
  })

  it('a deal that sells out during the checkout: exactly one buyer gets the last unit, the basket keeps the rest', async () => {
    const last = await deal({ title: '限量腊肉', stockUnits: 1, minToSucceed: 1 })
    const other = await deal({ title: '豆腐' })
    const rival = await person(t.app, '隔壁')
    const hua = await person(t.app, '小华')
    const [basketOut, rivalOut] = await Promise.all([
      checkout(t, hua, pointId, [
        { dealId: other, quantity: 1 },
        { dealId: last, quantity: 1 },
      ]),
      call(t.app, rival, 'POST', `/deals/${last}/orders`, { quantity: 1, pickupPointId: pointId }, { 'idempotency-key': newKey() }),
    ])
    expect(basketOut.status).toBe(201)
    const basket = basketOut.body.basket
    const basketGotIt = basket.orders.some((o: { dealId: string }) => o.dealId === last)
    expect(rivalOut.status).toBe(basketGotIt ? 409 : 201)
    if (basketGotIt) expect(rivalOut.body.error.code).toBe('SOLD_OUT')
    else expect(basket.removed).toEqual([{ dealId: last, code: 'SOLD_OUT' }])
    expect(basket.orders.some((o: { dealId: string }) => o.dealId === other)).toBe(true)
    const dealNow = await t.ctx.db.selectFrom('deals').select('active_units').where('id', '=', last).executeTakeFirstOrThrow()
    expect(dealNow.active_units).toBe(1)
  })

  it('a closed deal and a point the deal does not serve come back removed with their codes', async () => {
    const elsewhere = await newPoint(t.app, leader, '另一个自提点')
    const onlyThere = await openDeal(t.app, leader, dealInput(t.clock.now(), [elsewhere], { title: '只送那边' }))
    const here = await deal({ title: '两边都送' })
    const out = await checkout(t, await person(t.app, '小周'), pointId, [
      { dealId: onlyThere, quantity: 1 },
      { dealId: here, quantity: 1 },
      { dealId: 'no-such-deal', quantity: 1 },
    ])
    expect(out.body.basket.removed).toEqual([
      { dealId: onlyThere, code: 'PICKUP_POINT_NOT_IN_DEAL' },
      { dealId: 'no-such-deal', code: 'NOT_FOUND' },
    ])
    expect(out.body.basket.orders).toHaveLength(1)
  })

  it('a retried checkout with the same key returns the same basket; the key with another body is refused', async () => {
    const a = await deal({ title: '苹果' })
    const b = await deal({ title: '梨' })
    const yu = await person(t.app, '小雨')
    const key = newKey()
    const items = [
      { dealId: a, quantity: 1 },
      { dealId: b, quantity: 2 },
    ]
    const [first, raced] = await Promise.all([checkout(t, yu, pointId, items, key), checkout(t, yu, pointId, items, key)])
    const again = await checkout(t, yu, pointId, items, key)
    expect(first.status).toBe(201)
    expect(raced.body.basket.id).toBe(first.body.basket.id)
    expect(again.body.basket.id).toBe(first.body.basket.id)
    expect(again.body.basket.orders.map((o: { id: string }) => o.id)).toEqual(first.body.basket.orders.map((o: { id: string }) => o.id))
    const mine = await call(t.app, yu, 'GET', '/me/orders')
    expect(mine.body.orders).toHaveLength(2)
    const other = await checkout(t, yu, pointId, [{ dealId: a, quantity: 5 }], key)
    expect(other.status).toBe(409)
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED')
    expect((await call(t.app, yu, 'GET', '/me/orders')).body.orders).toHaveLength(2)
  })

  it('refuses a deal twice in one basket and a checkout without a key', async () => {
    const a = await deal({ title: '橘子' })
    const shopper = await person(t.app, '小林')
    const twice = await checkout(t, shopper, pointId, [
      { dealId: a, quantity: 1 },
      { dealId: a, quantity: 2 },
    ])
    expect(twice.status).toBe(400)
    expect(twice.body.error.code).toBe('BASKET_DUPLICATE_DEAL')
    const noKey = await call(t.app, shopper, 'POST', '/baskets/checkout', { pickupPointId: pointId, items: [{ dealId: a, quantity: 1 }] })
    expect(noKey.body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED')
    expect((await call(t.app, shopper, 'GET', '/me/orders')).body.orders).toHaveLength(0)
  })

  it('an order of a basket left unpaid expires and gives its stock back', async () => {
    const scarce = await deal({ title: '手工粽子', stockUnits: 2 })
    const slow = await person(t.app, '慢一步')
    const out = await checkout(t, slow, pointId, [{ dealId: scarce, quantity: 2 }])
    expect(out.body.basket.orders[0].status).toBe('pending_payment')
    t.clock.advance((t.ctx.config.holdMinutes + 1) * 60_000)
    await expireStaleHolds(t.ctx.db, t.clock.now().toISOString())
    const read = await call(t.app, slow, 'GET', `/baskets/${out.body.basket.id}`)
    expect(read.body.basket.orders[0].status).toBe('expired')
    expect(read.body.basket.totalFen).toBe(0)
    const pay = await call(t.app, slow, 'POST', `/baskets/${out.body.basket.id}/pay`)
    expect(pay.status).toBe(409)
    expect(pay.body.error.code).toBe('BASKET_NOT_PAYABLE')
    // someone else can now have both
    await joinAndPay(t.app, await person(t.app, '后来的'), scarce, { quantity: 2, pickupPointId: pointId })
  })

  it("settling one deal refunds that order's difference against the shared transaction", async () => {
    const tea = await deal({ title: '龙井', tiers: ladder(1280, 990, 880), minToSucceed: 1 })
    const eggs = await deal({ title: '鸭蛋', tiers: ladder(1800, 1500, 1200), minToSucceed: 1 })
    const lan = await person(t.app, '小兰二')
    const out = await checkout(t, lan, pointId, [
      { dealId: tea, quantity: 1 },
      { dealId: eggs, quantity: 2 },
    ])
    const paid = await call(t.app, lan, 'POST', `/baskets/${out.body.basket.id}/pay`)
    expect(paid.body.payment.amountFen).toBe(1280 + 3600)
    const [teaOrder, eggOrder] = paid.body.basket.orders
    // two more neighbours join the tea deal: it reaches 880
    for (const n of ['邻居丙', '邻居丁']) await joinAndPay(t.app, await person(t.app, n), tea, { quantity: 1, pickupPointId: pointId })
    const asked: Parameters<typeof sandboxProvider.refund>[0][] = []
    const spy = jest.spyOn(sandboxProvider, 'refund').mockImplementation(async (input) => {
      asked.push(input)
      return { providerRef: `sandbox_refund_${input.refundId}`, status: 'succeeded' }
    })
    try {
      t.clock.advance(25 * 3_600_000)
      await settleDueDeals(t.ctx)
      await processPendingRefunds(t.ctx)
    } finally {
      spy.mockRestore()
    }
    const ref = (await paymentRowsOf([teaOrder.id]))[0].provider_ref
    const mine = asked.filter((r) => r.paymentRef === ref)
    expect(mine.map((r) => [r.amountFen, r.totalFen])).toEqual([[1280 - 880, 4880]])
    const tea2 = (await call(t.app, lan, 'GET', `/orders/${teaOrder.id}`)).body.order
    expect([tea2.paidFen, tea2.refundFen, tea2.finalUnitPriceFen]).toEqual([1280, 400, 880])
    const egg2 = (await call(t.app, lan, 'GET', `/orders/${eggOrder.id}`)).body.order
    expect([egg2.paidFen, egg2.refundFen]).toEqual([3600, 0])
  })

  it('the sum charged is the sum of the orders paid, and no refund exceeds what an order paid (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            prices: fc.tuple(fc.integer({ min: 500, max: 3000 }), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 200 })),
            quantity: fc.integer({ min: 1, max: 4 }),
            others: fc.integer({ min: 0, max: 3 }),
            cancel: fc.boolean(),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        async (items) => {
          // each run moves the clock a day on: a leader signed in afresh, with a point of her own
          const boss = await person(t.app, '团长', 'leader')
          const where = await newPoint(t.app, boss)
          const deals: string[] = []
          for (const item of items) {
            const [a, d1, d2] = item.prices
            deals.push(
              await openDeal(
                t.app,
                boss,
                dealInput(t.clock.now(), [where], priced({ title: '随机团', tiers: ladder(a, a - d1, a - d1 - d2), minToSucceed: 1 })),
              ),
            )
          }
          const shopper = await person(t.app, '买家')
          const out = await checkout(
            t,
            shopper,
            where,
            items.map((item, i) => ({ dealId: deals[i], quantity: item.quantity })),
          )
          const paid = await call(t.app, shopper, 'POST', `/baskets/${out.body.basket.id}/pay`)
          const orders = paid.body.basket.orders as { id: string; paidFen: number }[]
          expect(paid.body.payment.amountFen).toBe(orders.reduce((s, o) => s + o.paidFen, 0))
          for (const [i, item] of items.entries()) {
            for (let k = 0; k < item.others; k++)
              await joinAndPay(t.app, await person(t.app, '邻居'), deals[i], { quantity: 1, pickupPointId: where })
            if (item.cancel) await call(t.app, shopper, 'POST', `/orders/${orders[i].id}/cancel`)
          }
          t.clock.advance(25 * 3_600_000)
          await settleDueDeals(t.ctx)
          await processPendingRefunds(t.ctx)
          const rows = await t.ctx.db
            .selectFrom('orders')
            .select(['id', 'paid_fen', 'refund_fen'])
            .where(
              'id',
              'in',
              orders.map((o) => o.id),
            )
            .execute()
          for (const r of rows) {
            expect(r.refund_fen).toBeLessThanOrEqual(r.paid_fen)
            const refunds = await t.ctx.db.selectFrom('refunds').select('amount_fen').where('order_id', '=', r.id).execute()
            expect(refunds.reduce((s, x) => s + x.amount_fen, 0)).toBe(r.refund_fen)
          }
          // every refund of these orders went against the one shared transaction with its total
          const refs = await paymentRowsOf(orders.map((o) => o.id))
          expect(new Set(refs.map((r) => r.provider_ref)).size).toBe(1)
          expect(refs.every((r) => r.basket_fen === paid.body.payment.amountFen)).toBe(true)
        },
      ),
      { numRuns: 6 },
    )
  })
})

describe('a basket paid with WeChat Pay (against the fake)', () => {
  let town: WechatTown
  beforeAll(async () => {
    town = await startWechatTown()
  })
  afterAll(() => town.close())

  it('one JSAPI payment for the basket; its notification pays every order; a settlement refund names the shared transaction', async () => {
    const { t, leader, pointId, pay } = town
    const tea = await openDeal(
      t.app,
      leader,
      dealInput(t.clock.now(), [pointId], priced({ title: '白茶', tiers: ladder(1280, 990, 880), minToSucceed: 1 })),
    )
    const eggs = await openDeal(
      t.app,
      leader,
      dealInput(t.clock.now(), [pointId], priced({ title: '鸡蛋', tiers: ladder(1800, 1500, 1200), minToSucceed: 1 })),
    )
    const lan = await town.wechatShopper()
    const out = await checkout(t, lan, pointId, [
      { dealId: tea, quantity: 1 },
      { dealId: eggs, quantity: 2 },
    ])
    const basketId = out.body.basket.id
    const paying = await call(t.app, lan, 'POST', `/baskets/${basketId}/pay`)
    expect(paying.status).toBe(200)
    expect(paying.body.payment.provider).toBe('wechatpay')
    expect(paying.body.payment.amountFen).toBe(1280 + 3600)
    expect(paying.body.payment.params.package).toMatch(/^prepay_id=/)
    expect(paying.body.basket.orders.every((o: { status: string }) => o.status === 'pending_payment')).toBe(true)
    // a second tap reuses the same WeChat transaction
    const tapAgain = await call(t.app, lan, 'POST', `/baskets/${basketId}/pay`)
    expect(tapAgain.body.payment.params.package).toBe(paying.body.payment.params.package)
    expect(pay.orders.get(basketId)!.body.amount.total).toBe(4880)

    const n = pay.pay(basketId)
    const notified = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments/wechat/notify',
      headers: { 'content-type': 'application/json', ...n.headers },
      payload: n.body,
    })
    expect(notified.statusCode).toBe(204)
    const read = (await call(t.app, lan, 'GET', `/baskets/${basketId}`)).body.basket
    expect(read.orders.map((o: { status: string; paidFen: number }) => [o.status, o.paidFen])).toEqual([
      ['paid', 1280],
      ['paid', 3600],
    ])
    // delivered again: nothing changes
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments/wechat/notify',
      headers: { 'content-type': 'application/json', ...n.headers },
      payload: n.body,
    })
    expect((await call(t.app, lan, 'GET', `/baskets/${basketId}`)).body.basket.paidFen).toBe(4880)

    // the tea deal reaches 880 with two more neighbours, then settles
    for (let i = 0; i < 2; i++) await town.paidOrder(await town.wechatShopper(), tea)
    t.clock.advance(25 * 3_600_000)
    await settleDueDeals(t.ctx)
    await processPendingRefunds(t.ctx)
    const refunds = [...pay.refunds.values()].filter((r) => r.out_trade_no === basketId)
    expect(refunds.map((r) => r.amount)).toEqual([expect.objectContaining({ refund: 400, total: 4880 })])
  })
})

import { startTestApp, type TestApp } from './helpers'
import { dealInput, newPoint, openDeal, person, type Auth } from './engine-api'

/** Real parallel HTTP requests against the app listening on a local port. */
let t: TestApp
let base: string
let leader: Auth
let point: string
beforeAll(async () => {
  t = await startTestApp()
  await t.app.listen({ host: '127.0.0.1', port: 0 })
  const address = t.app.server.address()
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1`
  leader = await person(t.app, '王阿姨', 'leader')
  point = await newPoint(t.app, leader)
}, 30_000)
afterAll(() => t.close())

async function post(auth: Auth, path: string, body?: object, key?: string) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      authorization: auth.authorization,
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(key ? { 'idempotency-key': key } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  })
  return { status: res.status, body: await res.json() }
}

const dealRow = (id: string) => t.ctx.db.selectFrom('deals').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const activeOrders = (id: string) =>
  t.ctx.db.selectFrom('orders').select(['user_id', 'quantity']).where('deal_id', '=', id).where('status', '=', 'pending_payment').execute()

describe('racing joins', () => {
  it('200 shoppers racing for 20 units: exactly 20 get one, nobody oversells', async () => {
    const dealId = await openDeal(t.app, leader, dealInput(t.clock.now(), [point], { stockUnits: 20 }))
    const shoppers = await Promise.all(Array.from({ length: 200 }, (_, i) => person(t.app, `抢购${i}`)))
    const results = await Promise.all(shoppers.map((s, i) => post(s, `/deals/${dealId}/orders`, { quantity: 1, pickupPointId: point }, `race-${i}-key`)))
    const won = results.filter((r) => r.status === 201)
    expect(won).toHaveLength(20)
    expect(results.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.error.code === 'SOLD_OUT')).toBe(true)
    const deal = await dealRow(dealId)
    expect(deal).toMatchObject({ active_units: 20, participant_count: 20 })
    const orders = await activeOrders(dealId)
    expect(orders).toHaveLength(20)
    expect(new Set(orders.map((o) => o.user_id)).size).toBe(20)
    // every winner paid the price of the tier her own order reached, counting herself
    const prices = won.map((r) => r.body.order.unitPriceFen)
    expect(prices.filter((p) => p === 1280)).toHaveLength(2)
    expect(prices.filter((p) => p === 990)).toHaveLength(2)
    expect(prices.filter((p) => p === 880)).toHaveLength(16)
  }, 60_000)

  it('mixed quantities never go past the stock cap', async () => {
    const dealId = await openDeal(t.app, leader, dealInput(t.clock.now(), [point], { stockUnits: 25 }))
    const shoppers = await Promise.all(Array.from({ length: 60 }, (_, i) => person(t.app, `混合${i}`)))
    const results = await Promise.all(shoppers.map((s, i) => post(s, `/deals/${dealId}/orders`, { quantity: (i % 4) + 1, pickupPointId: point }, `mixed-${i}-key`)))
    const sold = results.filter((r) => r.status === 201).reduce((sum, r) => sum + r.body.order.quantity, 0)
    expect(sold).toBeLessThanOrEqual(25)
    expect(sold).toBeGreaterThanOrEqual(22)
    expect((await dealRow(dealId)).active_units).toBe(sold)
    expect((await activeOrders(dealId)).reduce((s, o) => s + o.quantity, 0)).toBe(sold)
    for (const r of results.filter((r) => r.status !== 201)) expect(['SOLD_OUT', 'NOT_ENOUGH_STOCK']).toContain(r.body.error.code)
  }, 60_000)

  it('one shopper racing 30 joins against a limit of 3 gets exactly 3', async () => {
    const dealId = await openDeal(t.app, leader, dealInput(t.clock.now(), [point], { perUserLimit: 3 }))
    const greedy = await person(t.app, '贪心')
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => post(greedy, `/deals/${dealId}/orders`, { quantity: 1, pickupPointId: point }, `greedy-${i}-key`)))
    expect(results.filter((r) => r.status === 201)).toHaveLength(3)
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'OVER_LIMIT')).toBe(true)
    expect(await dealRow(dealId)).toMatchObject({ active_units: 3, participant_count: 1 })
  }, 60_000)

  it('one request retried 20 times at once makes one order, and every answer is the same', async () => {
    const dealId = await openDeal(t.app, leader, dealInput(t.clock.now(), [point]))
    const mei = await person(t.app, '小梅')
    const results = await Promise.all(Array.from({ length: 20 }, () => post(mei, `/deals/${dealId}/orders`, { quantity: 2, pickupPointId: point }, 'the-one-and-only-key')))
    expect(results.every((r) => r.status === 201)).toBe(true)
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1)
    expect(await activeOrders(dealId)).toHaveLength(1)
    expect(await dealRow(dealId)).toMatchObject({ active_units: 2, participant_count: 1 })

    // and paying it 10 times at once takes the money once
    const orderId = results[0].body.order.id
    const pays = await Promise.all(Array.from({ length: 10 }, () => post(mei, `/orders/${orderId}/pay`)))
    expect(pays.every((r) => r.status === 200 && r.body.order.status === 'paid')).toBe(true)
    expect(new Set(pays.map((r) => r.body.order.pickupCode)).size).toBe(1)
    const payments = await t.ctx.db.selectFrom('payments').select('status').where('order_id', '=', orderId).execute()
    expect(payments.filter((p) => p.status === 'succeeded')).toHaveLength(1)
    const order = await t.ctx.db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow()
    expect(order.paid_fen).toBe(order.unit_price_fen * 2)
  }, 60_000)
})

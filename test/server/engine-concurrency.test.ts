import { startTestApp, type TestApp } from './helpers'
import { dealInput, newPoint, openDeal, person, type Auth } from './engine-api'

// a busy machine (PostgreSQL schema set-up, many real requests) needs more than jest's 5 s
jest.setTimeout(60_000)

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
    const results = await Promise.all(
      shoppers.map((s, i) => post(s, `/deals/${dealId}/orders`, { quantity: 1, pickupPointId: point }, `race-${i}-key`)),
    )
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
    const results = await Promise.all(
      shoppers.map((s, i) => post(s, `/deals/${dealId}/orders`, { quantity: (i % 4) + 1, pickupPointId: point }, `mixed-${i}-key`)),
    )
    const sold = results.filter((r) => r.status === 201).reduce((sum, r) => sum + r.body.order.quantity, 0)
    expect(sold).toBeLessThanOrEqual(25)
    expect(sold).toBeGreaterThanOrEqual(22)
    expect((await dealRow(dealId)).active_units).toBe(sold)
    expect((await activeOrders(dealId)).reduce((s, o) => s + o.quantity, 0)).toBe(sold)
    for (const refused of results.filter((r) => r.status !== 201)) expect(['SOLD_OUT', 'NOT_ENOUGH_STOCK']).toContain(refused.body.error.code)
  }, 60_000)

  it('one shopper racing 30 joins against a limit of 3 gets exactly 3', async () => {
    const dealId = await openDeal(t.app, leader, dealInput(t.clock.now(), [point], { perUserLimit: 3 }))
    const greedy = await person(t.app, '贪心')
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => post(greedy, `/deals/${dealId}/orders`, { quantity: 1, pickupPointId: point }, `greedy-${i}-key`)),
    )
    expect(results.filter((r) => r.status === 201)).toHaveLength(3)
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'OVER_LIMIT')).toBe(true)
    expect(await dealRow(dealId)).toMatchObject({ active_units: 3, participant_count: 1 })
  }, 60_000)

  it('in one rush, the shopper over her limit is refused alone and every neighbour still gets an order', async () => {
    const dealId = await openDeal(t.app, leader, dealInput(t.clock.now(), [point], { perUserLimit: 2 }))
    const neighbours = await Promise.all(Array.from({ length: 40 }, (_, i) => person(t.app, `邻居${i}`)))
    const greedy = await person(t.app, '多买')
    const results = await Promise.all([
      ...neighbours.map((s, i) => post(s, `/deals/${dealId}/orders`, { quantity: 1, pickupPointId: point }, `rush-${i}-key`)),
      ...Array.from({ length: 5 }, (_, i) => post(greedy, `/deals/${dealId}/orders`, { quantity: 1, pickupPointId: point }, `rush-greedy-${i}`)),
    ])
    expect(results.slice(0, 40).every((r) => r.status === 201)).toBe(true)
    const greedyResults = results.slice(40)
    expect(greedyResults.filter((r) => r.status === 201)).toHaveLength(2)
    expect(greedyResults.filter((r) => r.status === 409).map((r) => r.body.error.message)).toEqual(Array(3).fill('每人限购 2 件，您已买了 2 件'))
    expect(await dealRow(dealId)).toMatchObject({ active_units: 42, participant_count: 41 })
    // 41 people: everyone past the 5th paid the last tier, and nobody paid more than the tier she reached
    const prices = results.filter((r) => r.status === 201).map((r) => r.body.order.unitPriceFen)
    expect(prices.filter((p) => p === 880).length).toBeGreaterThanOrEqual(36)
  }, 60_000)

  it('a retried request in a rush of neighbours makes one order for it, and every neighbour is served', async () => {
    const dealId = await openDeal(t.app, leader, dealInput(t.clock.now(), [point]))
    const neighbours = await Promise.all(Array.from({ length: 30 }, (_, i) => person(t.app, `街坊${i}`)))
    const mei = await person(t.app, '小梅')
    const first = await post(mei, `/deals/${dealId}/orders`, { quantity: 1, pickupPointId: point }, 'mei-retries-this')
    expect(first.status).toBe(201)
    const results = await Promise.all([
      ...neighbours.map((s, i) => post(s, `/deals/${dealId}/orders`, { quantity: 1, pickupPointId: point }, `street-${i}-key`)),
      ...Array.from({ length: 5 }, () => post(mei, `/deals/${dealId}/orders`, { quantity: 1, pickupPointId: point }, 'mei-retries-this')),
    ])
    expect(results.every((r) => r.status === 201)).toBe(true)
    expect(results.slice(30).every((r) => r.body.order.id === first.body.order.id)).toBe(true)
    expect(await activeOrders(dealId)).toHaveLength(31)
    expect(await dealRow(dealId)).toMatchObject({ active_units: 31, participant_count: 31 })
  }, 60_000)

  it('one request retried 20 times at once makes one order, and every answer is the same', async () => {
    const dealId = await openDeal(t.app, leader, dealInput(t.clock.now(), [point]))
    const mei = await person(t.app, '小梅')
    const results = await Promise.all(
      Array.from({ length: 20 }, () => post(mei, `/deals/${dealId}/orders`, { quantity: 2, pickupPointId: point }, 'the-one-and-only-key')),
    )
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

describe('everything at once', () => {
  it('joins, payments, cancellations, expiring holds and two sweepers racing keep every counter equal to the orders', async () => {
    const { sql } = await import('kysely')
    const { openDatabase } = await import('../../server/db/database')
    const { sweepOnce } = await import('../../server/jobs/sweeper')
    // on PostgreSQL the second sweeper is a second process's pool; on SQLite the same connection
    let otherDb: typeof t.ctx.db | null = null
    if (process.env.TEST_DATABASE_URL) {
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(t.ctx.db)
      otherDb = openDatabase({ kind: 'postgres', url: process.env.TEST_DATABASE_URL }, { schema: rows[0].schema, poolSize: 4 })
    }
    const other = { ...t.ctx, db: otherDb ?? t.ctx.db }
    const dealId = await openDeal(t.app, leader, dealInput(t.clock.now(), [point], { stockUnits: 40, perUserLimit: 3 }))
    const shoppers = await Promise.all(Array.from({ length: 40 }, (_, i) => person(t.app, `乱${i}`)))
    let sweeping = true
    const sweeper = async (ctx: typeof t.ctx) => {
      while (sweeping) {
        await sweepOnce(ctx)
        await new Promise((r) => setTimeout(r, 5))
      }
    }
    const sweepers = [sweeper(t.ctx), sweeper(other)]
    const statuses: number[] = []
    const shopperStory = async (s: Auth, i: number) => {
      for (let round = 0; round < 3; round++) {
        const joined = await post(s, `/deals/${dealId}/orders`, { quantity: (i % 2) + 1, pickupPointId: point }, `mix-${i}-${round}-key`)
        statuses.push(joined.status)
        if (joined.status !== 201) continue
        const id = joined.body.order.id
        if (i % 3 === 0) statuses.push((await post(s, `/orders/${id}/pay`)).status)
        if (i % 3 === 1) {
          statuses.push((await post(s, `/orders/${id}/pay`)).status)
          statuses.push((await post(s, `/orders/${id}/cancel`)).status)
        }
        // i % 3 === 2: left unpaid, to expire
      }
    }
    try {
      const first = Promise.all(shoppers.slice(0, 20).map(shopperStory))
      await first
      t.clock.advance(16 * 60_000) // every unpaid hold so far is stale
      await Promise.all(shoppers.slice(20).map((s, i) => shopperStory(s, i + 20)))
    } finally {
      sweeping = false
      await Promise.all(sweepers)
      await otherDb?.destroy()
    }
    expect(statuses.filter((s) => s >= 500)).toEqual([])
    expect(statuses.every((s) => [200, 201, 409].includes(s))).toBe(true)
    await sweepOnce(t.ctx)

    const deal = await dealRow(dealId)
    const active = await t.ctx.db
      .selectFrom('orders')
      .select(['user_id', 'quantity'])
      .where('deal_id', '=', dealId)
      .where('status', 'in', ['pending_payment', 'paid'])
      .execute()
    const perUser = new Map<string, number>()
    for (const o of active) perUser.set(o.user_id, (perUser.get(o.user_id) ?? 0) + o.quantity)
    expect(deal.active_units).toBe(active.reduce((s, o) => s + o.quantity, 0))
    expect(deal.active_units).toBeLessThanOrEqual(40)
    expect(deal.participant_count).toBe(perUser.size)
    const participants = await t.ctx.db.selectFrom('deal_participants').selectAll().where('deal_id', '=', dealId).execute()
    for (const p of participants) {
      expect([p.user_id, p.active_units]).toEqual([p.user_id, perUser.get(p.user_id) ?? 0])
      expect(p.active_units).toBeLessThanOrEqual(3)
    }
    // money adds up on every order that was ever paid
    const paid = await t.ctx.db.selectFrom('orders').selectAll().where('deal_id', '=', dealId).where('paid_fen', '>', 0).execute()
    for (const o of paid) {
      const refunds = await t.ctx.db.selectFrom('refunds').select('amount_fen').where('order_id', '=', o.id).execute()
      expect(o.refund_fen).toBe(refunds.reduce((s, r) => s + r.amount_fen, 0))
      expect(o.status === 'cancelled' ? o.refund_fen : 0).toBe(o.status === 'cancelled' ? o.paid_fen : 0)
    }
  }, 120_000)
})

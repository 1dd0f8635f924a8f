import { startTestApp, type TestApp } from './helpers'
import { call, dealInput, joinAndPay, newPoint, openDeal, person, type Auth } from './engine-api'
import { admin, approvedSupplier, openSupplierDeal, optIn, supplierDealInput } from './supplier-api'

// a busy machine (PostgreSQL schema set-up, a thousand real requests) needs more than jest's 5 s
jest.setTimeout(120_000)

let t: TestApp
let base: string
let boss: Auth
beforeAll(async () => {
  t = await startTestApp()
  await t.app.listen({ host: '127.0.0.1', port: 0 })
  const address = t.app.server.address()
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1`
  boss = await admin(t.app)
}, 60_000)
afterAll(() => t.close())

async function optOut(leader: Auth, dealId: string, pointId: string) {
  const res = await t.app.inject({
    method: 'DELETE',
    url: `/api/v1/leader/supplier-deals/${dealId}/points/${pointId}`,
    headers: { authorization: leader.authorization },
  })
  return { status: res.statusCode, body: res.json() }
}

let keys = 0
const join = (shopper: Auth, dealId: string, pickupPointId: string, quantity = 1) =>
  call(t.app, shopper, 'POST', `/deals/${dealId}/orders`, { quantity, pickupPointId }, { 'idempotency-key': `help-selling-${++keys}-key` })

const pointsOf = (dealId: string) =>
  t.ctx.db
    .selectFrom('deal_pickup_points')
    .select(['pickup_point_id', 'opted_in_by'])
    .where('deal_id', '=', dealId)
    .orderBy('pickup_point_id')
    .execute()
const ordersOf = (dealId: string) =>
  t.ctx.db.selectFrom('orders').selectAll().where('deal_id', '=', dealId).where('status', '!=', 'expired').execute()
const shanghaiDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10)

describe('leaders opt their points in and out', () => {
  it('opts in her own point while open, not twice, not someone else’s; opts out before orders only', async () => {
    const s = await approvedSupplier(t.app, boss, '山前果蔬合作社')
    const wang = await person(t.app, '王阿姨', 'leader')
    const li = await person(t.app, '李姐', 'leader')
    const wangPoint = await newPoint(t.app, wang, '王阿姨的店')
    const wangSecond = await newPoint(t.app, wang, '王阿姨的二店')
    const liPoint = await newPoint(t.app, li, '李姐的店')
    const id = await openSupplierDeal(t.app, s, supplierDealInput(t.clock.now()))

    const offer = await call(t.app, wang, 'GET', '/leader/supplier-deals')
    const seen = offer.body.deals.find((d: { id: string }) => d.id === id)
    expect(seen).toMatchObject({ supplier: { name: '山前果蔬合作社' }, commissionBps: 1000, pointCount: 0 })
    expect(seen.myPoints.map((p: { name: string; optedIn: boolean }) => [p.name, p.optedIn])).toEqual([
      ['王阿姨的店', false],
      ['王阿姨的二店', false],
    ])

    const inOne = await optIn(t.app, wang, id, wangPoint)
    expect(inOne.status).toBe(200)
    expect(inOne.body.deal.myPoints[0]).toMatchObject({ id: wangPoint, optedIn: true, orders: 0, canOptOut: true })
    expect(await optIn(t.app, wang, id, wangPoint)).toMatchObject({ status: 409, body: { error: { code: 'ALREADY_OPTED_IN' } } })
    // someone else's point, a point that does not exist, a deal that is not a supplier's
    expect(await optIn(t.app, wang, id, liPoint)).toMatchObject({ status: 403, body: { error: { code: 'NOT_OWN_POINT' } } })
    expect((await optIn(t.app, wang, id, 'no-such-point')).status).toBe(404)
    const ownDeal = await openDeal(t.app, li, dealInput(t.clock.now(), [liPoint]))
    expect((await optIn(t.app, wang, ownDeal, wangPoint)).status).toBe(404)
    expect(await pointsOf(id)).toEqual([{ pickup_point_id: wangPoint, opted_in_by: wang.userId }])

    // a join at a point not opted in is refused as for any deal
    const mei = await person(t.app, '小梅')
    expect((await join(mei, id, liPoint)).body.error.code).toBe('PICKUP_POINT_NOT_IN_DEAL')

    // orders at a point keep it in; an empty point may leave
    await optIn(t.app, wang, id, wangSecond)
    await joinAndPay(t.app, mei, id, { quantity: 1, pickupPointId: wangPoint })
    expect(await optOut(wang, id, wangPoint)).toMatchObject({ status: 409, body: { error: { code: 'POINT_HAS_ORDERS' } } })
    expect(await optOut(li, id, wangSecond)).toMatchObject({ status: 403 })
    const out = await optOut(wang, id, wangSecond)
    expect(out.status).toBe(200)
    expect(out.body.deal.myPoints.map((p: { optedIn: boolean; canOptOut: boolean }) => [p.optedIn, p.canOptOut])).toEqual([
      [true, false],
      [false, false],
    ])
    expect((await optOut(wang, id, wangSecond)).status).toBe(404)
    expect((await pointsOf(id)).map((p) => p.pickup_point_id)).toEqual([wangPoint])

    // the supplier sees who sells it where, live
    const detail = await call(t.app, s, 'GET', `/supplier/deals/${id}`)
    expect(detail.body.deal.points).toEqual([
      expect.objectContaining({
        pickupPoint: expect.objectContaining({ id: wangPoint }),
        leader: expect.objectContaining({ nickname: '王阿姨' }),
        orders: 1,
        units: 1,
      }),
    ])

    // after cutoff: no more opting in or out
    t.clock.advance(25 * 3_600_000)
    expect(await optIn(t.app, li, id, liPoint)).toMatchObject({ status: 409 })
    expect(await optOut(wang, id, wangPoint)).toMatchObject({ status: 409 })
    expect((await pointsOf(id)).map((p) => p.pickup_point_id)).toEqual([wangPoint])
    t.clock.set('2026-11-26T02:00:00.000Z')
  })
  it('a leader the operator suspended cannot opt in', async () => {
    const s = await approvedSupplier(t.app, boss, '暂停测试合作社')
    const zhao = await person(t.app, '赵姐', 'leader')
    const point = await newPoint(t.app, zhao, '赵姐的店')
    const id = await openSupplierDeal(t.app, s, supplierDealInput(t.clock.now()))
    await t.ctx.db.updateTable('users').set({ suspended_at: t.clock.now().toISOString() }).where('id', '=', zhao.userId).execute()
    expect(await optIn(t.app, zhao, id, point)).toMatchObject({ status: 403, body: { error: { code: 'ACCOUNT_SUSPENDED' } } })
    expect(await pointsOf(id)).toEqual([])
  })
})

describe('one deal, many leaders', () => {
  it('the town unlocks a tier for both points; each order is its point leader’s', async () => {
    t.clock.set('2026-11-26T02:00:00.000Z')
    const s = await approvedSupplier(t.app, boss, '城南粮油批发')
    const wang = await person(t.app, '王阿姨', 'leader')
    const li = await person(t.app, '李姐', 'leader')
    const wangPoint = await newPoint(t.app, wang, '王阿姨的店')
    const liPoint = await newPoint(t.app, li, '李姐的店')
    const input = supplierDealInput(t.clock.now(), { title: '五常大米 10斤' })
    const id = await openSupplierDeal(t.app, s, input)
    await optIn(t.app, wang, id, wangPoint)
    await optIn(t.app, li, id, liPoint)

    // tiers: 1 person 25.00, 3 people 20.00. Two at Wang's point and one at Li's make three.
    const shoppers = await Promise.all(['甲', '乙', '丙'].map((n) => person(t.app, n)))
    const orders = [
      await joinAndPay(t.app, shoppers[0], id, { quantity: 1, pickupPointId: wangPoint }),
      await joinAndPay(t.app, shoppers[1], id, { quantity: 2, pickupPointId: wangPoint }),
      await joinAndPay(t.app, shoppers[2], id, { quantity: 1, pickupPointId: liPoint }),
    ]
    const live = await call(t.app, null, 'GET', `/deals/${id}`)
    expect(live.body.deal).toMatchObject({ count: 3, currentUnitPriceFen: 2000, soldUnits: 4 })
    // a leader's console: the supplier deal is help-sold, not hers, and shows her orders only
    const wangDeals = await call(t.app, wang, 'GET', '/leader/deals')
    expect(wangDeals.body.deals.map((d: { id: string }) => d.id)).not.toContain(id)
    expect(wangDeals.body.helpSold).toEqual([expect.objectContaining({ id, count: 3, supplier: { id: s.supplierId, name: '城南粮油批发' } })])
    const wangOrders = await call(t.app, wang, 'GET', `/leader/deals/${id}/orders`)
    expect(wangOrders.body.orders.map((o: { id: string }) => o.id).sort()).toEqual([orders[0].order.id, orders[1].order.id].sort())
    const liOrders = await call(t.app, li, 'GET', `/leader/deals/${id}/orders`)
    expect(liOrders.body.orders.map((o: { id: string }) => o.id)).toEqual([orders[2].order.id])
    const liDeal = await call(t.app, li, 'GET', `/leader/deals/${id}`)
    expect(liDeal.body.deal.pickupPoints.map((p: { id: string }) => p.id)).toEqual([liPoint])
    // a leader with no point in it does not see it
    const zhao = await person(t.app, '赵姐', 'leader')
    await newPoint(t.app, zhao, '赵姐的店')
    expect((await call(t.app, zhao, 'GET', `/leader/deals/${id}`)).status).toBe(404)
    expect((await call(t.app, zhao, 'GET', '/leader/deals')).body.helpSold).toEqual([])
    // the supplier: per-point counts
    const detail = await call(t.app, s, 'GET', `/supplier/deals/${id}`)
    expect(
      detail.body.deal.points.map((p: { pickupPoint: { id: string }; orders: number; units: number }) => [p.pickupPoint.id, p.orders, p.units]),
    ).toEqual([
      [wangPoint, 2, 3],
      [liPoint, 1, 1],
    ])

    // cutoff: everyone pays the town's price, at both points
    t.clock.advance(25 * 3_600_000)
    expect((await call(t.app, s, 'GET', `/supplier/deals/${id}`)).body.deal.status).toBe('succeeded')
    const rows = await ordersOf(id)
    expect(rows.map((o) => [o.status, o.final_unit_price_fen])).toEqual(Array(3).fill(['confirmed', 2000]))

    // arrivals: at her own point only
    expect((await call(t.app, wang, 'POST', `/leader/deals/${id}/arrivals`, { pickupPointId: liPoint })).status).toBe(400)
    expect((await call(t.app, wang, 'POST', `/leader/deals/${id}/arrivals`, { pickupPointId: wangPoint })).body.readyOrders).toBe(2)
    expect((await call(t.app, li, 'POST', `/leader/deals/${id}/arrivals`, { pickupPointId: liPoint })).body.readyOrders).toBe(1)

    // picking lists: each leader her own point's shoppers
    const date = shanghaiDay(input.pickupStart)
    const wangList = await call(t.app, wang, 'GET', `/leader/picking-list?date=${date}`)
    expect(wangList.body.pickupPoints).toEqual([
      expect.objectContaining({
        pickupPoint: expect.objectContaining({ id: wangPoint }),
        products: [expect.objectContaining({ dealId: id, quantity: 3 })],
      }),
    ])
    const liList = await call(t.app, li, 'GET', `/leader/picking-list?date=${date}`)
    expect(liList.body.pickupPoints).toEqual([
      expect.objectContaining({
        pickupPoint: expect.objectContaining({ id: liPoint }),
        products: [expect.objectContaining({ dealId: id, quantity: 1 })],
      }),
    ])

    // verification: Li cannot hand out Wang's order; Wang can
    t.clock.set(input.pickupStart)
    t.clock.advance(60_000)
    const code = rows.find((o) => o.id === orders[0].order.id)!.pickup_code!
    expect((await call(t.app, li, 'POST', '/leader/pickups/verify', { code })).status).toBe(404)
    const verified = await call(t.app, wang, 'POST', '/leader/pickups/verify', { code })
    expect(verified.body.order).toMatchObject({ id: orders[0].order.id, status: 'picked_up' })
    t.clock.set('2026-11-26T02:00:00.000Z')
  })
})

describe('racing', () => {
  async function post(auth: Auth, path: string, body: object, key?: string) {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: auth.authorization, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(body),
    })
    return { status: res.status, body: await res.json() }
  }

  it('two leaders opting in while 1,000 joins race across their points sell exactly the stock cap', async () => {
    t.clock.set(new Date().toISOString())
    const s = await approvedSupplier(t.app, boss, '抢购合作社')
    const wang = await person(t.app, '王阿姨', 'leader')
    const li = await person(t.app, '李姐', 'leader')
    const wangPoint = await newPoint(t.app, wang, '王阿姨的店')
    const wangSecond = await newPoint(t.app, wang, '王阿姨的二店')
    const liPoint = await newPoint(t.app, li, '李姐的店')
    const id = await openSupplierDeal(t.app, s, supplierDealInput(t.clock.now(), { stockUnits: 200 }))
    await optIn(t.app, wang, id, wangPoint)
    const shoppers = await Promise.all(Array.from({ length: 1000 }, (_, i) => person(t.app, `抢${i}`)))
    const points = [wangPoint, wangSecond, liPoint]

    const joins = shoppers.map((shopper, i) =>
      post(shopper, `/deals/${id}/orders`, { quantity: 1, pickupPointId: points[i % 3] }, `help-race-${i}-key`),
    )
    const optIns = [
      post(wang, `/leader/supplier-deals/${id}/points`, { pickupPointId: wangSecond }),
      post(li, `/leader/supplier-deals/${id}/points`, { pickupPointId: liPoint }),
    ]
    const [results, opted] = await Promise.all([Promise.all(joins), Promise.all(optIns)])

    expect(opted.map((r) => r.status)).toEqual([200, 200])
    const won = results.filter((r) => r.status === 201)
    expect(won).toHaveLength(200)
    for (const refused of results.filter((r) => r.status !== 201)) expect(['SOLD_OUT', 'PICKUP_POINT_NOT_IN_DEAL']).toContain(refused.body.error.code)
    const deal = await t.ctx.db.selectFrom('deals').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(deal).toMatchObject({ active_units: 200, participant_count: 200 })
    const rows = await ordersOf(id)
    expect(rows.reduce((n, o) => n + o.quantity, 0)).toBe(200)
    // every order is at a point that is in the deal
    const inDeal = new Set((await pointsOf(id)).map((p) => p.pickup_point_id))
    expect(inDeal).toEqual(new Set(points))
    expect(rows.every((o) => inDeal.has(o.pickup_point_id))).toBe(true)
    // the supplier's per-point counts add up to the cap
    const detail = await call(t.app, s, 'GET', `/supplier/deals/${id}`)
    expect(detail.body.deal.points.reduce((n: number, p: { units: number }) => n + p.units, 0)).toBe(200)
  }, 120_000)

  it('opting out while joins race at that point: either the point keeps its orders or it has none', async () => {
    t.clock.set(new Date().toISOString())
    const s = await approvedSupplier(t.app, boss, '退出合作社')
    const li = await person(t.app, '李姐', 'leader')
    const liPoint = await newPoint(t.app, li, '李姐的店')
    const shoppers = await Promise.all(Array.from({ length: 40 }, (_, i) => person(t.app, `退${i}`)))
    for (let round = 0; round < 3; round++) {
      const id = await openSupplierDeal(t.app, s, supplierDealInput(t.clock.now()))
      await optIn(t.app, li, id, liPoint)
      const out = fetch(`${base}/leader/supplier-deals/${id}/points/${liPoint}`, { method: 'DELETE', headers: { authorization: li.authorization } })
      const joins = shoppers.map((shopper, i) =>
        post(shopper, `/deals/${id}/orders`, { quantity: 1, pickupPointId: liPoint }, `opt-out-race-${round}-${i}`),
      )
      const [left, results] = await Promise.all([out, Promise.all(joins)])
      const orders = await ordersOf(id)
      const still = (await pointsOf(id)).length === 1
      if (left.status === 200) {
        expect(still).toBe(false)
        expect(orders).toEqual([])
      } else {
        expect(left.status).toBe(409)
        expect(still).toBe(true)
        expect(orders.length).toBeGreaterThan(0)
      }
      expect(results.filter((r) => r.status === 201)).toHaveLength(orders.length)
    }
  }, 120_000)
})

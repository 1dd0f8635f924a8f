import { startTestApp, type TestApp } from './helpers'
import { call, dealInput, joinAndPay, newPoint, openDeal, person, type Auth } from './engine-api'

// a busy machine (PostgreSQL schema set-up, many real requests) needs more than jest's 5 s
jest.setTimeout(60_000)

let t: TestApp
let wang: Auth
let li: Auth
let pointA: string
let pointB: string
let liPoint: string
beforeAll(async () => {
  t = await startTestApp()
  wang = await person(t.app, '王阿姨', 'leader')
  li = await person(t.app, '李老板', 'leader')
  pointA = await newPoint(t.app, wang, '幸福里便利店')
  pointB = await newPoint(t.app, wang, '桃园小区门岗')
  liPoint = await newPoint(t.app, li, '李记超市')
})
afterAll(() => t.close())

const HOUR = 3_600_000

describe('a leader drafting and publishing deals', () => {
  it('drafts, edits and publishes a deal; only then can shoppers see it', async () => {
    const input = dealInput(t.clock.now(), [pointA])
    const created = await call(t.app, wang, 'POST', '/leader/deals', input)
    expect(created.status).toBe(201)
    const deal = created.body.deal
    expect(deal).toMatchObject({
      status: 'draft',
      title: input.title,
      tiers: input.tiers,
      count: 0,
      currentUnitPriceFen: 1280,
      leader: { id: wang.userId, nickname: '王阿姨' },
    })
    expect(deal.pickupPoints.map((p: { id: string }) => p.id)).toEqual([pointA])

    const shopper = await person(t.app, '小梅')
    expect((await call(t.app, shopper, 'GET', `/deals/${deal.id}`)).status).toBe(404)

    const edited = await call(t.app, wang, 'PATCH', `/leader/deals/${deal.id}`, {
      title: '安吉白茶（特级）',
      pickupPointIds: [pointA, pointB],
      product: { spec: '100g/罐' },
    })
    expect(edited.status).toBe(200)
    expect(edited.body.deal).toMatchObject({ title: '安吉白茶（特级）', product: { name: '安吉白茶', spec: '100g/罐' } })
    expect(edited.body.deal.pickupPoints).toHaveLength(2)

    const published = await call(t.app, wang, 'POST', `/leader/deals/${deal.id}/publish`)
    expect([published.status, published.body.deal.status]).toEqual([200, 'open'])
    expect((await call(t.app, shopper, 'GET', `/deals/${deal.id}`)).status).toBe(200)

    // published deals are no longer editable, nor publishable twice
    for (const res of [
      await call(t.app, wang, 'PATCH', `/leader/deals/${deal.id}`, { title: '改名' }),
      await call(t.app, wang, 'POST', `/leader/deals/${deal.id}/publish`),
    ]) {
      expect([res.status, res.body.error.code]).toEqual([409, 'DEAL_NOT_DRAFT'])
    }
    const mine = await call(t.app, wang, 'GET', '/leader/deals')
    expect(mine.body.deals.map((d: { id: string }) => d.id)).toContain(deal.id)
    expect((await call(t.app, li, 'GET', '/leader/deals')).body.deals.map((d: { id: string }) => d.id)).not.toContain(deal.id)
  })

  it('refuses bad deals with clear codes and creates nothing', async () => {
    const now = t.clock.now()
    const at = (h: number) => new Date(now.getTime() + h * HOUR).toISOString()
    const cases: [object, string][] = [
      [{ tiers: [{ threshold: 2, unitPriceFen: 990 }] }, 'INVALID_TIERS'],
      [
        {
          tiers: [
            { threshold: 1, unitPriceFen: 990 },
            { threshold: 3, unitPriceFen: 1200 },
          ],
        },
        'INVALID_TIERS',
      ],
      [{ tiers: [{ threshold: 1, unitPriceFen: 1600 }] }, 'INVALID_TIERS'],
      [{ tiers: [] }, 'VALIDATION_FAILED'],
      [{ minToSucceed: 0 }, 'VALIDATION_FAILED'],
      [{ listPriceFen: 12.8 }, 'VALIDATION_FAILED'],
      [{ cutoffAt: at(-1) }, 'CUTOFF_IN_PAST'],
      [{ cutoffAt: 'tomorrow' }, 'VALIDATION_FAILED'],
      [{ pickupStart: at(23) }, 'INVALID_PICKUP_WINDOW'],
      [{ pickupEnd: at(47) }, 'INVALID_PICKUP_WINDOW'],
      [{ pickupPointIds: [] }, 'VALIDATION_FAILED'],
      [{ pickupPointIds: [liPoint] }, 'INVALID_PICKUP_POINTS'],
      [{ pickupPointIds: ['nope'] }, 'INVALID_PICKUP_POINTS'],
      [{ tierBasis: 'weight' }, 'VALIDATION_FAILED'],
      [{ leaderId: li.userId }, 'VALIDATION_FAILED'],
      // the leader's form checks these too (the domain's validateDealInput runs on both sides)
      [{ product: { name: '  ', spec: '50g/罐' } }, 'VALIDATION_FAILED'],
      [{ product: { name: '安吉白茶', spec: '' } }, 'VALIDATION_FAILED'],
      [{ tierBasis: 'units', stockUnits: 10, minToSucceed: 11 }, 'VALIDATION_FAILED'],
      // stock 2, one each, 3 people needed: it could never succeed
      [{ tierBasis: 'people', stockUnits: 2, perUserLimit: 1, minToSucceed: 3 }, 'DEAL_CANNOT_SUCCEED'],
    ]
    const before = (await call(t.app, wang, 'GET', '/leader/deals')).body.deals.length
    for (const [override, code] of cases) {
      const res = await call(t.app, wang, 'POST', '/leader/deals', { ...dealInput(now, [pointA]), ...override })
      expect([res.status, res.body.error.code, override]).toEqual([400, code, override])
    }
    expect((await call(t.app, wang, 'GET', '/leader/deals')).body.deals.length).toBe(before)
    const shopper = await person(t.app, '小梅')
    expect((await call(t.app, shopper, 'POST', '/leader/deals', dealInput(now, [pointA]))).status).toBe(403)
    expect((await call(t.app, null, 'POST', '/leader/deals', dealInput(now, [pointA]))).status).toBe(401)
  })

  it("another leader's deal answers 404 everywhere", async () => {
    const id = await openDeal(t.app, wang, dealInput(t.clock.now(), [pointA]))
    for (const [method, url, body] of [
      ['PATCH', `/leader/deals/${id}`, { title: 'x' }],
      ['POST', `/leader/deals/${id}/publish`, undefined],
      ['POST', `/leader/deals/${id}/cancel`, undefined],
      ['GET', `/leader/deals/${id}/orders`, undefined],
      ['POST', `/leader/deals/${id}/arrivals`, { pickupPointId: pointA }],
    ] as const) {
      const res = await call(t.app, li, method, url, body)
      expect([res.status, res.body.error.code]).toEqual([404, 'NOT_FOUND'])
    }
  })
})

describe('bad leader requests', () => {
  it('answer 4xx in the contract shape and change nothing', async () => {
    const id = await openDeal(t.app, wang, dealInput(t.clock.now(), [pointA]))
    const cases: ['GET' | 'POST' | 'PATCH', string, object | undefined, number, string][] = [
      ['POST', `/leader/deals/${id}/arrivals`, {}, 400, 'VALIDATION_FAILED'],
      ['POST', `/leader/deals/${id}/arrivals`, { pickupPointId: pointB }, 409, 'DEAL_NOT_SUCCEEDED'],
      ['POST', '/leader/pickups/verify', {}, 400, 'VALIDATION_FAILED'],
      ['POST', '/leader/pickups/verify', { code: '' }, 400, 'VALIDATION_FAILED'],
      ['GET', '/leader/picking-list', undefined, 400, 'VALIDATION_FAILED'],
      ['GET', '/leader/picking-list?date=2026-02-30', undefined, 400, 'INVALID_DATE'],
      ['PATCH', `/leader/deals/${id}`, {}, 400, 'VALIDATION_FAILED'],
      ['POST', '/leader/deals/nope/publish', undefined, 404, 'NOT_FOUND'],
    ]
    for (const [method, url, body, status, code] of cases) {
      const res = await call(t.app, wang, method, url, body)
      expect([method, url, res.status, res.body.error.code]).toEqual([method, url, status, code])
      expect(typeof res.body.error.message).toBe('string')
    }
    const attempts = await t.ctx.db.selectFrom('verify_attempts').selectAll().where('leader_id', '=', wang.userId).execute()
    expect(attempts).toEqual([])
    expect(await t.ctx.db.selectFrom('arrivals').selectAll().where('deal_id', '=', id).execute()).toEqual([])
  })
})

describe('cancelling a deal', () => {
  it('refunds paid orders in full, expires unpaid ones and gives nothing back twice', async () => {
    const id = await openDeal(t.app, wang, dealInput(t.clock.now(), [pointA]))
    const [mei, lan] = [await person(t.app, '小梅'), await person(t.app, '小兰')]
    const paid = (await joinAndPay(t.app, mei, id, { quantity: 2, pickupPointId: pointA })).order
    const unpaid = await call(
      t.app,
      lan,
      'POST',
      `/deals/${id}/orders`,
      { quantity: 1, pickupPointId: pointA },
      { 'idempotency-key': 'cancel-test-unpaid' },
    )
    const res = await call(t.app, wang, 'POST', `/leader/deals/${id}/cancel`)
    expect([res.status, res.body.deal.status]).toEqual([200, 'cancelled'])
    const after = (await call(t.app, mei, 'GET', `/orders/${paid.id}`)).body.order
    expect(after).toMatchObject({ status: 'refunded', dealStatus: 'cancelled', paidFen: 2560, refundFen: 2560, finalUnitPriceFen: 0 })
    expect(after.refunds).toEqual([expect.objectContaining({ reason: 'deal_cancelled', amountFen: 2560 })])
    expect((await call(t.app, lan, 'GET', `/orders/${unpaid.body.order.id}`)).body.order.status).toBe('expired')
    // a neighbour whose page was read before the cancel hears that it was cancelled, not merely closed
    const late = await call(
      t.app,
      lan,
      'POST',
      `/deals/${id}/orders`,
      { quantity: 1, pickupPointId: pointA },
      { 'idempotency-key': 'cancel-test-late' },
    )
    expect([late.status, late.body.error.code]).toEqual([409, 'DEAL_CANCELLED'])
    const again = await call(t.app, wang, 'POST', `/leader/deals/${id}/cancel`)
    expect([again.status, again.body.error.code]).toEqual([409, 'DEAL_NOT_CANCELLABLE'])
    expect((await call(t.app, mei, 'GET', `/orders/${paid.id}`)).body.order.refunds).toHaveLength(1)
  })

  it('a draft can be cancelled; a deal past cutoff cannot', async () => {
    const draft = (await call(t.app, wang, 'POST', '/leader/deals', dealInput(t.clock.now(), [pointA]))).body.deal.id
    expect((await call(t.app, wang, 'POST', `/leader/deals/${draft}/cancel`)).body.deal.status).toBe('cancelled')
    const id = await openDeal(t.app, wang, dealInput(t.clock.now(), [pointA], { cutoffAt: new Date(t.clock.now().getTime() + HOUR).toISOString() }))
    t.clock.advance(2 * HOUR)
    const res = await call(t.app, wang, 'POST', `/leader/deals/${id}/cancel`)
    expect([res.status, res.body.error.code]).toEqual([409, 'DEAL_NOT_CANCELLABLE'])
  })
})

describe('after success: arrivals, the picking list, verifying codes and earnings', () => {
  it('walks a succeeded deal from delivery to pickup and commission', async () => {
    const start = t.clock.now()
    const id = await openDeal(t.app, wang, dealInput(start, [pointA, pointB], { minToSucceed: 2 }))
    const [mei, lan, zhu] = [await person(t.app, '张小梅'), await person(t.app, '李兰'), await person(t.app, '朱')]
    const a = (await joinAndPay(t.app, mei, id, { quantity: 2, pickupPointId: pointA })).order
    const b = (await joinAndPay(t.app, lan, id, { quantity: 1, pickupPointId: pointA })).order
    const c = (await joinAndPay(t.app, zhu, id, { quantity: 3, pickupPointId: pointB })).order

    // before cutoff a code cannot be used yet
    const early = await call(t.app, wang, 'POST', '/leader/pickups/verify', { code: a.pickupCode })
    expect([early.status, early.body.error.code]).toEqual([409, 'ORDER_NOT_READY'])
    expect((await call(t.app, wang, 'POST', `/leader/deals/${id}/arrivals`, { pickupPointId: pointA })).body.error.code).toBe('DEAL_NOT_SUCCEEDED')

    t.clock.set(new Date(start.getTime() + 25 * HOUR).toISOString())
    const orders = await call(t.app, wang, 'GET', `/leader/deals/${id}/orders`)
    const seen = orders.body.orders.map((o: { shopper: string; quantity: number; status: string; pickupPoint: { name: string } }) => [
      o.shopper,
      o.quantity,
      o.status,
      o.pickupPoint.name,
    ])
    expect(seen.sort((x: number[], y: number[]) => Number(x[1]) - Number(y[1]))).toEqual([
      ['李*', 1, 'confirmed', '幸福里便利店'],
      ['张*梅', 2, 'confirmed', '幸福里便利店'],
      ['朱*', 3, 'confirmed', '桃园小区门岗'],
    ])
    expect(orders.body.orders.find((o: { shopper: string }) => o.shopper === '张*梅')).toMatchObject({
      unitPriceFen: 1280,
      finalUnitPriceFen: 990,
      paidFen: 2560,
      refundFen: 580,
    })

    const arrived = await call(t.app, wang, 'POST', `/leader/deals/${id}/arrivals`, { pickupPointId: pointA })
    expect(arrived.body).toMatchObject({ dealId: id, pickupPointId: pointA, readyOrders: 2 })
    const twice = await call(t.app, wang, 'POST', `/leader/deals/${id}/arrivals`, { pickupPointId: pointA })
    expect(twice.body).toEqual(arrived.body)
    expect((await call(t.app, mei, 'GET', `/orders/${a.id}`)).body.order.status).toBe('ready')
    expect((await call(t.app, zhu, 'GET', `/orders/${c.id}`)).body.order.status).toBe('confirmed')

    const shanghaiDay = new Date(start.getTime() + 48 * HOUR + 8 * HOUR).toISOString().slice(0, 10)
    const list = await call(t.app, wang, 'GET', `/leader/picking-list?date=${shanghaiDay}`)
    expect(list.status).toBe(200)
    expect(
      list.body.pickupPoints.map(
        (p: {
          pickupPoint: { name: string }
          products: { quantity: number }[]
          shoppers: { shopper: string; quantity: number; status: string }[]
        }) => ({
          point: p.pickupPoint.name,
          total: p.products.map((x) => x.quantity),
          shoppers: p.shoppers.map((s) => `${s.shopper}x${s.quantity} ${s.status}`).sort(),
        }),
      ),
    ).toEqual([
      { point: '幸福里便利店', total: [3], shoppers: ['张*梅x2 ready', '李*x1 ready'].sort() },
      { point: '桃园小区门岗', total: [3], shoppers: ['朱*x3 confirmed'] },
    ])
    expect((await call(t.app, wang, 'GET', '/leader/picking-list?date=2026-13-45')).body.error.code).toMatch(/INVALID_DATE|VALIDATION_FAILED/)
    expect((await call(t.app, li, 'GET', `/leader/picking-list?date=${shanghaiDay}`)).body.pickupPoints).toEqual([])

    // typed code, then the scanned QR of another order; each works once
    const typed = await call(t.app, wang, 'POST', '/leader/pickups/verify', { code: a.pickupCode })
    expect(typed.status).toBe(200)
    expect(typed.body.order).toMatchObject({ id: a.id, status: 'picked_up', shopper: '张*梅', quantity: 2 })
    const used = await call(t.app, wang, 'POST', '/leader/pickups/verify', { code: a.pickupCode })
    expect([used.status, used.body.error.code]).toEqual([409, 'CODE_ALREADY_USED'])
    const scanned = await call(t.app, wang, 'POST', '/leader/pickups/verify', { code: c.pickupQr })
    expect(scanned.body.order).toMatchObject({ id: c.id, status: 'picked_up' })
    // another leader cannot hand out this leader's goods
    const foreign = await call(t.app, li, 'POST', '/leader/pickups/verify', { code: b.pickupCode })
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'NOT_FOUND'])

    const earnings = await call(t.app, wang, 'GET', '/leader/earnings')
    const deal = earnings.body.deals.find((d: { dealId: string }) => d.dealId === id)
    // final ¥9.90: picked up 2 + 3 units = ¥49.50 -> 5% = ¥2.47; pending 1 unit = ¥9.90 -> ¥0.49
    expect(deal).toMatchObject({ earnedValueFen: 4950, earnedFen: 247, pendingValueFen: 990, pendingFen: 49 })
    expect(earnings.body.commissionBps).toBe(500)
    expect(earnings.body.totals.earnedFen).toBeGreaterThanOrEqual(247)
  })

  it('a forged QR is refused, and guessing codes is locked out after 5 misses in 10 minutes', async () => {
    const guesser = await person(t.app, '赵团长', 'leader')
    const forged = await call(t.app, guesser, 'POST', '/leader/pickups/verify', { code: 'LINLI1.someorder.123456.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })
    expect([forged.status, forged.body.error.code]).toEqual([400, 'INVALID_CODE'])
    for (let i = 0; i < 4; i++) {
      expect((await call(t.app, guesser, 'POST', '/leader/pickups/verify', { code: String(100000 + i) })).status).toBe(404)
    }
    const locked = await call(t.app, guesser, 'POST', '/leader/pickups/verify', { code: '999999' })
    expect([locked.status, locked.body.error.code]).toEqual([429, 'TOO_MANY_ATTEMPTS'])
    t.clock.advance(11 * 60_000)
    expect((await call(t.app, guesser, 'POST', '/leader/pickups/verify', { code: '999999' })).status).toBe(404)
  })
})

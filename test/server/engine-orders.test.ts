import { login, startTestApp, type TestApp } from './helpers'
import { dealRow, insertDeal, insertPoint, insertUser, orderRow } from './engine-fixtures'

// a busy machine (PostgreSQL schema set-up, many real requests) needs more than jest's 5 s
jest.setTimeout(60_000)

let t: TestApp
let leaderId: string
let pointId: string
let otherPointId: string
beforeAll(async () => {
  t = await startTestApp()
  leaderId = await insertUser(t.ctx, '王阿姨', 'shopper,leader')
  pointId = await insertPoint(t.ctx, leaderId)
  otherPointId = await insertPoint(t.ctx, leaderId, '另一个点')
})
afterAll(() => t.close())

const inMinutes = (m: number) => new Date(t.clock.now().getTime() + m * 60_000).toISOString()
let keys = 0
const newKey = () => `key-${Date.now()}-${++keys}`

async function shopper(name: string) {
  return login(t.app, `s${++keys}`, 'shopper', name)
}

function join(auth: { authorization: string }, dealId: string, body: object, key: string | null = newKey()) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/deals/${dealId}/orders`,
    headers: { ...auth, ...(key === null ? {} : { 'idempotency-key': key }) },
    payload: body,
  })
}
const pay = (auth: { authorization: string }, orderId: string) =>
  t.app.inject({ method: 'POST', url: `/api/v1/orders/${orderId}/pay`, headers: auth })
const get = (auth: { authorization: string } | {}, url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: auth })

async function counts(dealId: string) {
  const d = await dealRow(t.ctx, dealId)
  const orders = await t.ctx.db.selectFrom('orders').select('id').where('deal_id', '=', dealId).execute()
  return { active: d.active_units, people: d.participant_count, orders: orders.length }
}

describe('joining a deal', () => {
  it('holds a place at the current tier price and says what to pay', async () => {
    const dealId = await insertDeal(t.ctx, { leaderId, pointId, cutoffAt: inMinutes(120), stockUnits: 50 })
    const mei = await shopper('小梅')
    const res = await join(mei, dealId, { quantity: 2, pickupPointId: pointId })
    expect(res.statusCode).toBe(201)
    const { order, payment } = res.json()
    expect(order).toMatchObject({
      dealId,
      dealTitle: '阳山水蜜桃',
      dealStatus: 'open',
      userId: mei.userId,
      status: 'pending_payment',
      quantity: 2,
      unitPriceFen: 1280,
      finalUnitPriceFen: null,
      paidFen: 0,
      refundFen: 0,
      pickupPointId: pointId,
      inviterId: null,
      holdExpiresAt: inMinutes(15),
      refunds: [],
    })
    expect(order.pickupCode).toBeUndefined()
    expect(payment).toEqual({ provider: 'sandbox', amountFen: 2560 })
    expect(await counts(dealId)).toEqual({ active: 2, people: 1, orders: 1 })
  })

  it('answers a retried request (same key, same body) with the first answer, and refuses the key for another body', async () => {
    const dealId = await insertDeal(t.ctx, { leaderId, pointId, cutoffAt: inMinutes(120) })
    const mei = await shopper('小梅')
    const key = newKey()
    const first = await join(mei, dealId, { quantity: 1, pickupPointId: pointId }, key)
    const again = await join(mei, dealId, { quantity: 1, pickupPointId: pointId }, key)
    expect(again.statusCode).toBe(first.statusCode)
    expect(again.json()).toEqual(first.json())
    const other = await join(mei, dealId, { quantity: 3, pickupPointId: pointId }, key)
    expect(other.statusCode).toBe(422)
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED')
    expect(await counts(dealId)).toEqual({ active: 1, people: 1, orders: 1 })
    // the same key from someone else is their own request
    const lan = await shopper('小兰')
    expect((await join(lan, dealId, { quantity: 1, pickupPointId: pointId }, key)).statusCode).toBe(201)
  })

  it('refuses bad requests in the contract shape and changes nothing', async () => {
    const dealId = await insertDeal(t.ctx, { leaderId, pointId, cutoffAt: inMinutes(120) })
    const mei = await shopper('小梅')
    const cases: [object, string | null, number, string][] = [
      [{ quantity: 1, pickupPointId: pointId }, null, 400, 'IDEMPOTENCY_KEY_REQUIRED'],
      [{ quantity: 1, pickupPointId: pointId }, 'short', 400, 'IDEMPOTENCY_KEY_INVALID'],
      [{ quantity: 0, pickupPointId: pointId }, newKey(), 400, 'VALIDATION_FAILED'],
      [{ quantity: 1.5, pickupPointId: pointId }, newKey(), 400, 'VALIDATION_FAILED'],
      [{ quantity: '2; drop table orders', pickupPointId: pointId }, newKey(), 400, 'VALIDATION_FAILED'],
      [{ quantity: 1 }, newKey(), 400, 'VALIDATION_FAILED'],
      [{ quantity: 1, pickupPointId: pointId, price: 1 }, newKey(), 400, 'VALIDATION_FAILED'],
      [{ quantity: 1, pickupPointId: otherPointId }, newKey(), 400, 'PICKUP_POINT_NOT_IN_DEAL'],
    ]
    for (const [body, key, status, code] of cases) {
      const res = await join(mei, dealId, body, key)
      expect([res.statusCode, res.json().error.code]).toEqual([status, code])
      expect(typeof res.json().error.message).toBe('string')
    }
    expect((await join({ authorization: 'Bearer nope' }, dealId, { quantity: 1, pickupPointId: pointId })).statusCode).toBe(401)
    expect((await join(mei, 'no-such-deal', { quantity: 1, pickupPointId: pointId })).statusCode).toBe(404)
    const draft = await insertDeal(t.ctx, { leaderId, pointId, cutoffAt: inMinutes(120), status: 'draft' })
    expect((await join(mei, draft, { quantity: 1, pickupPointId: pointId })).statusCode).toBe(404)
    expect(await counts(dealId)).toEqual({ active: 0, people: 0, orders: 0 })
  })

  it('says SOLD_OUT, NOT_ENOUGH_STOCK and OVER_LIMIT in plain words', async () => {
    const dealId = await insertDeal(t.ctx, { leaderId, pointId, cutoffAt: inMinutes(120), stockUnits: 5, perUserLimit: 3 })
    const [a, b, c] = [await shopper('阿大'), await shopper('阿二'), await shopper('阿三')]
    expect((await join(a, dealId, { quantity: 3, pickupPointId: pointId })).statusCode).toBe(201)
    const over = await join(a, dealId, { quantity: 1, pickupPointId: pointId })
    expect(over.statusCode).toBe(409)
    // the numbers come along for the app to word in its own language; the message is the Chinese fallback
    expect(over.json().error).toEqual({ code: 'OVER_LIMIT', message: '每人限购 3 件，您已买了 3 件', params: { limit: 3, mine: 3 } })
    const notEnough = await join(b, dealId, { quantity: 3, pickupPointId: pointId })
    expect(notEnough.json().error).toEqual({ code: 'NOT_ENOUGH_STOCK', message: '库存不足，只剩 2 件了', params: { left: 2 } })
    expect((await join(b, dealId, { quantity: 2, pickupPointId: pointId })).statusCode).toBe(201)
    const soldOut = await join(c, dealId, { quantity: 1, pickupPointId: pointId })
    expect([soldOut.statusCode, soldOut.json().error.code]).toEqual([409, 'SOLD_OUT'])
    expect(await counts(dealId)).toEqual({ active: 5, people: 2, orders: 2 })
  })

  it('refuses joins after cutoff with DEAL_CLOSED (and settles the deal on the way)', async () => {
    const dealId = await insertDeal(t.ctx, { leaderId, pointId, cutoffAt: inMinutes(1) })
    const mei = await shopper('小梅')
    t.clock.advance(2 * 60_000)
    const res = await join(mei, dealId, { quantity: 1, pickupPointId: pointId })
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'DEAL_CLOSED'])
    expect((await dealRow(t.ctx, dealId)).status).toBe('failed')
  })

  it('a stale unpaid hold does not block the next shopper', async () => {
    const dealId = await insertDeal(t.ctx, { leaderId, pointId, cutoffAt: inMinutes(120), stockUnits: 2 })
    const [a, b] = [await shopper('阿大'), await shopper('阿二')]
    const held = (await join(a, dealId, { quantity: 2, pickupPointId: pointId })).json().order
    expect((await join(b, dealId, { quantity: 1, pickupPointId: pointId })).json().error.code).toBe('SOLD_OUT')
    t.clock.advance(16 * 60_000)
    expect((await join(b, dealId, { quantity: 2, pickupPointId: pointId })).statusCode).toBe(201)
    expect((await orderRow(t.ctx, held.id)).status).toBe('expired')
    expect(await counts(dealId)).toMatchObject({ active: 2, people: 1 })
    // and paying the expired one is refused clearly
    const late = await pay(a, held.id)
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'ORDER_EXPIRED'])
  })
})

describe('the deal read tells a signed-in shopper her own part', () => {
  it('her units and the most she may still buy (limit left, stock left); nothing of the kind for anyone else', async () => {
    const dealId = await insertDeal(t.ctx, { leaderId, pointId, cutoffAt: inMinutes(120), stockUnits: 5, perUserLimit: 3 })
    const [mei, lei] = [await shopper('小梅'), await shopper('小雷')]
    const read = async (auth: { authorization: string } | {}) => (await get(auth, `/deals/${dealId}`)).json().deal
    expect(await read(mei)).toMatchObject({ myUnits: 0, maxMoreUnits: 3 })

    expect((await join(mei, dealId, { quantity: 2, pickupPointId: pointId })).statusCode).toBe(201)
    expect(await read(mei)).toMatchObject({ myUnits: 2, maxMoreUnits: 1 }) // her limit
    expect((await join(lei, dealId, { quantity: 2, pickupPointId: pointId })).statusCode).toBe(201)
    expect(await read(lei)).toMatchObject({ myUnits: 2, maxMoreUnits: 1 }) // the last box in stock
    expect((await join(mei, dealId, { quantity: 1, pickupPointId: pointId })).statusCode).toBe(201)
    expect(await read(lei)).toMatchObject({ myUnits: 2, maxMoreUnits: 0 }) // sold out

    const anonymous = await read({})
    expect(anonymous).not.toHaveProperty('myUnits')
    expect(anonymous).not.toHaveProperty('maxMoreUnits')
    expect(anonymous.soldUnits).toBe(5)

    t.clock.advance(121 * 60_000)
    // at cutoff her unpaid holds expired with the deal: she holds nothing and may buy nothing
    expect(await read(mei)).toMatchObject({ status: 'failed', myUnits: 0, maxMoreUnits: 0 })
  })
})

describe('tier counts', () => {
  it('units basis: every unit counts, and a shopper joining twice is still one person', async () => {
    const tiers = [
      { threshold: 1, unitPriceFen: 1280 },
      { threshold: 5, unitPriceFen: 990 },
      { threshold: 10, unitPriceFen: 880 },
    ]
    const dealId = await insertDeal(t.ctx, { leaderId, pointId, cutoffAt: inMinutes(60), tierBasis: 'units', tiers, minToSucceed: 6 })
    const [a, b] = [await shopper('阿大'), await shopper('阿二')]
    const first = (await join(a, dealId, { quantity: 3, pickupPointId: pointId })).json().order
    const second = (await join(b, dealId, { quantity: 2, pickupPointId: pointId })).json().order
    const third = (await join(a, dealId, { quantity: 5, pickupPointId: pointId })).json().order
    expect([first.unitPriceFen, second.unitPriceFen, third.unitPriceFen]).toEqual([1280, 990, 880])
    expect(await counts(dealId)).toEqual({ active: 10, people: 2, orders: 3 })
    for (const [who, o] of [
      [a, first],
      [b, second],
      [a, third],
    ] as const)
      expect((await pay(who, o.id)).statusCode).toBe(200)

    // 阿二 changes her mind: the count falls to 8 units, but nobody pays more than agreed
    await t.app.inject({ method: 'POST', url: `/api/v1/orders/${second.id}/cancel`, headers: b })
    expect(await counts(dealId)).toMatchObject({ active: 8, people: 1 })
    t.clock.advance(61 * 60_000)
    const settled = [(await get(a, `/orders/${first.id}`)).json().order, (await get(a, `/orders/${third.id}`)).json().order]
    expect(settled.map((o) => [o.status, o.finalUnitPriceFen, o.refundFen])).toEqual([
      ['confirmed', 990, 3 * (1280 - 990)],
      ['confirmed', 880, 0],
    ])
  })

  it('people basis: joining again adds units but not a person', async () => {
    const dealId = await insertDeal(t.ctx, { leaderId, pointId, cutoffAt: inMinutes(60) })
    const a = await shopper('阿大')
    await join(a, dealId, { quantity: 1, pickupPointId: pointId })
    const again = (await join(a, dealId, { quantity: 2, pickupPointId: pointId })).json().order
    expect(again.unitPriceFen).toBe(1280)
    expect(await counts(dealId)).toEqual({ active: 3, people: 1, orders: 2 })
  })
})

describe('paying', () => {
  it('pays once: a pickup code and a signed QR for the owner, nothing changes on a retry', async () => {
    const dealId = await insertDeal(t.ctx, { leaderId, pointId, cutoffAt: inMinutes(120) })
    const mei = await shopper('小梅')
    const { order } = (await join(mei, dealId, { quantity: 2, pickupPointId: pointId })).json()
    const res = await pay(mei, order.id)
    expect(res.statusCode).toBe(200)
    const paid = res.json().order
    expect(paid).toMatchObject({ status: 'paid', paidFen: 2560, paidAt: t.clock.now().toISOString(), holdExpiresAt: null })
    expect(paid.pickupCode).toMatch(/^\d{6}$/)
    expect(paid.pickupQr).toMatch(new RegExp(`^LINLI1\\.${order.id}\\.${paid.pickupCode}\\.[A-Za-z0-9_-]{32}$`))
    expect(res.json().payment).toEqual({ provider: 'sandbox', amountFen: 2560 })

    const again = await pay(mei, order.id)
    expect(again.json().order).toEqual(paid)
    const payments = await t.ctx.db.selectFrom('payments').selectAll().where('order_id', '=', order.id).execute()
    expect(payments).toEqual([expect.objectContaining({ status: 'succeeded', amount_fen: 2560, provider: 'sandbox' })])

    // the order read is the same order, with its timeline (TIMELINE) on top
    expect((await get(mei, `/orders/${order.id}`)).json().order).toEqual({ ...paid, timeline: expect.any(Array), againDealId: null })
    const lan = await shopper('小兰')
    for (const refused of [await get(lan, `/orders/${order.id}`), await pay(lan, order.id)]) {
      expect([refused.statusCode, refused.json().error.code]).toEqual([404, 'NOT_FOUND'])
    }
    expect((await get({}, `/orders/${order.id}`)).statusCode).toBe(401)
    const mine = (await get(mei, '/me/orders')).json().orders
    expect(mine.map((o: { id: string }) => o.id)).toContain(order.id)
    expect((await get(lan, '/me/orders')).json().orders).toEqual([])
  })

  it('shows an unpaid order past its hold as expired', async () => {
    const dealId = await insertDeal(t.ctx, { leaderId, pointId, cutoffAt: inMinutes(120) })
    const mei = await shopper('小梅')
    const { order } = (await join(mei, dealId, { quantity: 1, pickupPointId: pointId })).json()
    t.clock.advance(15 * 60_000)
    expect((await get(mei, '/me/orders')).json().orders[0].status).toBe('expired')
    expect((await get(mei, `/orders/${order.id}`)).json().order.status).toBe('expired')
    expect(await counts(dealId)).toMatchObject({ active: 0, people: 0 })
  })
})

describe('cancelling', () => {
  it('a paid order cancelled before cutoff is refunded in full and gives back its stock and place', async () => {
    const dealId = await insertDeal(t.ctx, { leaderId, pointId, cutoffAt: inMinutes(120), stockUnits: 10 })
    const [mei, lan] = [await shopper('小梅'), await shopper('小兰')]
    const a = (await join(mei, dealId, { quantity: 2, pickupPointId: pointId })).json().order
    await pay(mei, a.id)
    const b = (await join(lan, dealId, { quantity: 1, pickupPointId: pointId })).json().order
    expect(await counts(dealId)).toMatchObject({ active: 3, people: 2 })

    const res = await t.app.inject({ method: 'POST', url: `/api/v1/orders/${a.id}/cancel`, headers: mei })
    expect(res.statusCode).toBe(200)
    const cancelled = res.json().order
    expect(cancelled).toMatchObject({ status: 'cancelled', paidFen: 2560, refundFen: 2560, finalUnitPriceFen: 0 })
    expect(cancelled.refunds).toEqual([expect.objectContaining({ amountFen: 2560, reason: 'order_cancelled' })])
    expect(cancelled.pickupCode).toBeUndefined()
    const unpaid = await t.app.inject({ method: 'POST', url: `/api/v1/orders/${b.id}/cancel`, headers: lan })
    expect(unpaid.json().order).toMatchObject({ status: 'cancelled', refundFen: 0, refunds: [] })
    expect(await counts(dealId)).toMatchObject({ active: 0, people: 0 })
    // cancelling again changes nothing
    const twice = await t.app.inject({ method: 'POST', url: `/api/v1/orders/${a.id}/cancel`, headers: mei })
    expect(twice.json().order.refunds).toHaveLength(1)
  })

  it('cannot cancel after cutoff', async () => {
    const dealId = await insertDeal(t.ctx, { leaderId, pointId, cutoffAt: inMinutes(30), minToSucceed: 1 })
    const mei = await shopper('小梅')
    const a = (await join(mei, dealId, { quantity: 1, pickupPointId: pointId })).json().order
    await pay(mei, a.id)
    t.clock.advance(31 * 60_000)
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/orders/${a.id}/cancel`, headers: mei })
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'DEAL_CLOSED'])
    expect((await get(mei, `/orders/${a.id}`)).json().order).toMatchObject({ status: 'confirmed', dealStatus: 'succeeded', finalUnitPriceFen: 1280 })
  })
})

describe('invites', () => {
  it("one short code per shopper per deal; friends who join and pay are counted, one's own code is not", async () => {
    const dealId = await insertDeal(t.ctx, { leaderId, pointId, cutoffAt: inMinutes(120) })
    const [mei, lan, zhu] = [await shopper('小梅'), await shopper('小兰'), await shopper('小朱')]
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/deals/${dealId}/invites`, headers: mei })
    expect(res.statusCode).toBe(200)
    const { code, path } = res.json()
    expect(code).toMatch(/^[a-z2-9]{8}$/)
    expect(path).toBe(`/pages/deal/index?id=${dealId}&invite=${code}`)
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/deals/${dealId}/invites`, headers: mei })).json().code).toBe(code)

    const own = (await join(mei, dealId, { quantity: 1, pickupPointId: pointId, inviteCode: code })).json().order
    expect(own.inviterId).toBeNull()
    const friend = (await join(lan, dealId, { quantity: 1, pickupPointId: pointId, inviteCode: code })).json().order
    expect(friend.inviterId).toBe(mei.userId)
    const stale = (await join(zhu, dealId, { quantity: 1, pickupPointId: pointId, inviteCode: 'zzzzzzzz' })).json().order
    expect(stale.inviterId).toBeNull()

    const before = (await get(mei, '/me/invites')).json()
    expect(before).toEqual({ invites: [{ dealId, dealTitle: '阳山水蜜桃', code, friends: 0 }] })
    await pay(lan, friend.id)
    expect((await get(mei, '/me/invites')).json().invites[0].friends).toBe(1)
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/deals/nope/invites', headers: mei })).statusCode).toBe(404)
  })
})

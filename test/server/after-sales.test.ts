import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startTestApp, login, type TestApp } from './helpers'
import { call, dealInput, joinAndPay, newPoint, openDeal, person, type Auth } from './engine-api'
import { orderRow, refundRows } from './engine-fixtures'

// a fresh PostgreSQL schema and its migrations can take a while on a busy machine
jest.setTimeout(60_000)

const HOUR = 3_600_000
// the smallest real PNG: a 1×1 transparent pixel
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')

let t: TestApp
let dir: string
let fang: Auth // the leader of 幸福里便利店
let other: Auth // a leader of another point
let admin: Auth
let mei: Auth // the shopper
let point: string
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-after-sales-'))
  t = await startTestApp({ uploadsDir: dir, uploadsStore: 'disk' })
  fang = await person(t.app, '芳姐', 'leader')
  other = await person(t.app, '王叔', 'leader')
  admin = await login(t.app, `admin-${process.pid}`, 'admin', '运营')
  mei = await person(t.app, '小美')
  point = await newPoint(t.app, fang)
  await newPoint(t.app, other, '东门水果店')
})
afterAll(async () => {
  await t.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

/**
 * Mei buys 3 boxes of strawberries at ¥12.80 (the first to join), two neighbours join and the deal
 * settles at ¥9.90 (¥8.70 of difference back to Mei: paid ¥38.40, final value ¥29.70); the goods
 * arrive and Mei collects at the counter. Returns her order's id.
 */
async function pickedUpOrder(options: { pickUp?: boolean } = {}): Promise<string> {
  const now = t.clock.now()
  const deal = await openDeal(t.app, fang, dealInput(now, [point], { title: '丹东草莓 3盒装' }))
  const { order } = await joinAndPay(t.app, mei, deal, { quantity: 3, pickupPointId: point })
  for (const n of ['阿强', '丽丽']) await joinAndPay(t.app, await person(t.app, n), deal, { quantity: 1, pickupPointId: point })
  t.clock.set(new Date(now.getTime() + 25 * HOUR).toISOString())
  await call(t.app, null, 'GET', `/deals/${deal}`)
  t.clock.set(new Date(now.getTime() + 49 * HOUR).toISOString())
  const arrived = await call(t.app, fang, 'POST', `/leader/deals/${deal}/arrivals`, { pickupPointId: point })
  expect(arrived.status).toBe(200)
  if (options.pickUp !== false) {
    const code = (await call(t.app, mei, 'GET', `/orders/${order.id}`)).body.order.pickupCode
    const verified = await call(t.app, fang, 'POST', '/leader/pickups/verify', { code })
    expect(verified.status).toBe(200)
  }
  return order.id
}

async function uploadPhoto(auth: Auth) {
  const boundary = '----linli-after-sales'
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bruised.png"\r\nContent-Type: image/png\r\n\r\n`),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/uploads',
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: auth.authorization },
  })
  return { status: res.statusCode, body: res.json() }
}

const ask = (auth: Auth, orderId: string, body: object) => call(t.app, auth, 'POST', `/orders/${orderId}/after-sales`, body)
const requestCount = async () =>
  Number(
    (await t.ctx.db
      .selectFrom('after_sales_requests')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst())!.n,
  )
const afterSalesRefunds = async (orderId: string) => (await refundRows(t.ctx, orderId)).filter((r) => r.reason === 'after_sales')
const messagesOf = async (auth: Auth) => (await call(t.app, auth, 'GET', '/me/messages')).body.messages as { kind: string; body: string }[]

describe('a shopper asks for part of her strawberries back and the leader approves part', () => {
  it('asks with a photo, the leader sees it, approves ¥5.00, and the shopper sees the refund and the timeline', async () => {
    const orderId = await pickedUpOrder()

    // before asking: the order page offers the request, until 48 hours after pickup
    const offer = (await call(t.app, mei, 'GET', `/orders/${orderId}/after-sales`)).body
    expect(offer).toMatchObject({ canRequest: true, refusal: null, refundableFen: 2970, maxPhotos: 6, requests: [] })

    const photo = await uploadPhoto(mei)
    expect(photo.status).toBe(201)
    const asked = await ask(mei, orderId, { quantity: 1, reason: 'spoiled', note: '一盒压坏了', photos: [photo.body.url] })
    expect(asked.status).toBe(201)
    expect(asked.body.request).toMatchObject({ status: 'requested', quantity: 1, reason: 'spoiled', askedFen: 990, photos: [photo.body.url] })

    // the leader's list: waiting first, with the photo and the amount asked
    const list = (await call(t.app, fang, 'GET', '/leader/after-sales')).body.requests
    expect(list[0]).toMatchObject({ id: asked.body.request.id, status: 'requested', askedFen: 990, photos: [photo.body.url], note: '一盒压坏了' })
    expect(list[0].order).toMatchObject({ refundableFen: 2970, paidFen: 3840, shopper: '小*' })
    expect((await messagesOf(fang)).map((m) => m.kind)).toContain('after_sales_requested')

    const approved = await call(t.app, fang, 'POST', `/leader/after-sales/${asked.body.request.id}/approve`, { amountFen: 500 })
    expect(approved.status).toBe(200)
    expect(approved.body.request).toMatchObject({ status: 'partially_approved', approvedFen: 500 })
    expect(approved.body.request.timeline.map((s: { kind: string }) => s.kind)).toEqual(['asked', 'answered', 'refunded'])

    // the shopper: ¥8.70 difference and ¥5.00 after-sales back, through the payment provider
    const order = (await call(t.app, mei, 'GET', `/orders/${orderId}`)).body.order
    expect(order.refundFen).toBe(870 + 500)
    const kinds = order.timeline.map((s: { kind: string }) => s.kind)
    expect(kinds).toEqual(expect.arrayContaining(['picked_up', 'after_sales_asked', 'after_sales_answered']))
    expect(kinds.indexOf('after_sales_answered')).toBeLessThan(kinds.lastIndexOf('refund'))
    expect(order.timeline).toContainEqual(expect.objectContaining({ kind: 'refund', reason: 'after_sales', amountFen: 500, status: 'succeeded' }))
    expect(order.timeline).toContainEqual(expect.objectContaining({ kind: 'after_sales_asked', quantity: 1, reason: 'spoiled', amountFen: 990 }))
    const mine = await messagesOf(mei)
    expect(mine.map((m) => m.kind)).toEqual(expect.arrayContaining(['after_sales_requested', 'after_sales_approved']))
    expect(mine.find((m) => m.kind === 'after_sales_approved')!.body).toContain('¥5.00')

    // answered: no second answer, and the same request refunds once
    const again = await call(t.app, fang, 'POST', `/leader/after-sales/${asked.body.request.id}/approve`, {})
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'AFTER_SALES_NOT_OPEN' } } })
    expect(await afterSalesRefunds(orderId)).toHaveLength(1)

    // a second request on the same order is fine once the first is answered: at most what is left
    const second = await ask(mei, orderId, { quantity: 3, reason: 'short_weight', note: '', photos: [] })
    expect(second.status).toBe(201)
    expect(second.body.request.askedFen).toBe(2970 - 500)
  })

  it("the leader's commission no longer counts the refunded part as earned", async () => {
    const before = (await call(t.app, fang, 'GET', '/leader/earnings')).body
    const orderId = await pickedUpOrder()
    const mid = (await call(t.app, fang, 'GET', '/leader/earnings')).body
    const asked = await ask(mei, orderId, { quantity: 3, reason: 'missing', note: '', photos: [] })
    expect(asked.status).toBe(201)
    const approved = await call(t.app, fang, 'POST', `/leader/after-sales/${asked.body.request.id}/approve`, {})
    expect(approved.body.request).toMatchObject({ status: 'approved', approvedFen: 2970 })
    const after = (await call(t.app, fang, 'GET', '/leader/earnings')).body
    const rate = mid.commissionBps
    // Mei's whole order (¥29.70) came back: the deal earns on the two neighbours' ¥19.80 only
    const deal = (e: typeof after) =>
      e.deals.find((d: { earnedValueFen: number; dealId: string }) => d.dealId === (after.deals[0] as { dealId: string }).dealId)
    expect(deal(mid).earnedValueFen).toBe(2970)
    expect(deal(after).earnedValueFen).toBe(0)
    expect(after.totals.earnedFen).toBe(mid.totals.earnedFen - Math.floor((2970 * rate) / 10_000))
    expect(mid.totals.earnedFen).toBeGreaterThanOrEqual(before.totals.earnedFen)
  })
})

describe('a refusal, one escalation, and the operator decides', () => {
  it('the leader refuses with a reason, the shopper escalates once, the admin refunds what is left; final', async () => {
    const orderId = await pickedUpOrder()
    const asked = await ask(mei, orderId, { quantity: 3, reason: 'wrong_item', note: '收到的是蓝莓', photos: [] })
    const id = asked.body.request.id
    const refused = await call(t.app, fang, 'POST', `/leader/after-sales/${id}/refuse`, { reason: '核对过，发的是草莓' })
    expect(refused.body.request).toMatchObject({ status: 'refused', leaderReason: '核对过，发的是草莓', canEscalate: true })
    expect((await messagesOf(mei)).map((m) => m.kind)).toContain('after_sales_refused')

    // only the operator decides
    const early = await call(t.app, admin, 'POST', `/admin/after-sales/${id}/decide`, { decision: 'refund' })
    expect(early).toMatchObject({ status: 409, body: { error: { code: 'AFTER_SALES_NOT_OPEN' } } })

    const escalated = await call(t.app, mei, 'POST', `/after-sales/${id}/escalate`, { note: '有照片为证' })
    expect(escalated.body.request).toMatchObject({ status: 'escalated', escalationNote: '有照片为证', canEscalate: false })
    const twice = await call(t.app, mei, 'POST', `/after-sales/${id}/escalate`, { note: '' })
    expect(twice).toMatchObject({ status: 409, body: { error: { code: 'AFTER_SALES_ALREADY_ESCALATED' } } })
    expect((await messagesOf(fang)).map((m) => m.kind)).toContain('after_sales_escalated')

    // a leader is not the operator
    const byLeader = await call(t.app, fang, 'POST', `/admin/after-sales/${id}/decide`, { decision: 'refund' })
    expect(byLeader).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } })
    expect((await call(t.app, mei, 'GET', '/admin/after-sales')).status).toBe(403)

    const waiting = (await call(t.app, admin, 'GET', '/admin/after-sales')).body.requests
    expect(waiting[0]).toMatchObject({ id, status: 'escalated' })
    const decided = await call(t.app, admin, 'POST', `/admin/after-sales/${id}/decide`, { decision: 'refund', note: '照片清楚' })
    expect(decided.body.request).toMatchObject({ status: 'decided', decision: 'refund', approvedFen: 2970, decisionNote: '照片清楚' })

    // everything paid is back, and never more; the decision is final
    const order = await orderRow(t.ctx, orderId)
    expect(order).toMatchObject({ paid_fen: 3840, refund_fen: 3840 })
    const after = await ask(mei, orderId, { quantity: 1, reason: 'spoiled', note: '', photos: [] })
    expect(after).toMatchObject({ status: 409, body: { error: { code: 'AFTER_SALES_FINAL' } } })
    const kinds = (await messagesOf(mei)).map((m) => m.kind)
    expect(kinds).toContain('after_sales_decided')
  })

  it('the operator may uphold the refusal: nothing is refunded', async () => {
    const orderId = await pickedUpOrder()
    const { id } = (await ask(mei, orderId, { quantity: 1, reason: 'short_weight', note: '', photos: [] })).body.request
    await call(t.app, fang, 'POST', `/leader/after-sales/${id}/refuse`, { reason: '称过，足秤' })
    await call(t.app, mei, 'POST', `/after-sales/${id}/escalate`, {})
    const decided = await call(t.app, admin, 'POST', `/admin/after-sales/${id}/decide`, { decision: 'uphold' })
    expect(decided.body.request).toMatchObject({ status: 'decided', decision: 'uphold', approvedFen: null })
    expect(await afterSalesRefunds(orderId)).toHaveLength(0)
    expect((await orderRow(t.ctx, orderId)).refund_fen).toBe(870)
  })
})

describe('bad input and authority: a clear 4xx that changes nothing', () => {
  let orderId: string
  beforeAll(async () => {
    orderId = await pickedUpOrder()
  })

  async function refusedWith(res: Promise<{ status: number; body: { error?: { code: string } } }>, status: number, code: string) {
    const requests = await requestCount()
    const refunds = (await refundRows(t.ctx, orderId)).length
    const answer = await res
    expect({ status: answer.status, code: answer.body?.error?.code }).toEqual({ status, code })
    expect(await requestCount()).toBe(requests)
    expect((await refundRows(t.ctx, orderId)).length).toBe(refunds)
  }

  it('more than was bought, or nothing', async () => {
    await refusedWith(ask(mei, orderId, { quantity: 4, reason: 'spoiled', note: '', photos: [] }), 400, 'AFTER_SALES_BAD_QUANTITY')
    await refusedWith(ask(mei, orderId, { quantity: 0, reason: 'spoiled', note: '', photos: [] }), 400, 'AFTER_SALES_BAD_QUANTITY')
    await refusedWith(ask(mei, orderId, { quantity: 1, reason: 'tasted_bad', note: '', photos: [] }), 400, 'VALIDATION_FAILED')
  })

  it("someone else's order looks like no order at all", async () => {
    const stranger = await person(t.app, '路人')
    const theirs = await ask(stranger, orderId, { quantity: 1, reason: 'spoiled', note: '', photos: [] })
    const none = await ask(stranger, 'no-such-order', { quantity: 1, reason: 'spoiled', note: '', photos: [] })
    expect(theirs).toEqual(none)
    expect(theirs.status).toBe(404)
    await refusedWith(ask(stranger, orderId, { quantity: 1, reason: 'spoiled', note: '', photos: [] }), 404, 'NOT_FOUND')
    expect((await call(t.app, stranger, 'GET', `/orders/${orderId}/after-sales`)).status).toBe(404)
  })

  it('a photo that is not from this server, or too many', async () => {
    const bad = ['https://evil.example.com/x.jpg', '/uploads/AAAAAAAAAAAAAAAA.jpg', '/uploads/../../etc/passwd', 'javascript:alert(1)']
    for (const url of bad)
      await refusedWith(ask(mei, orderId, { quantity: 1, reason: 'spoiled', note: '', photos: [url] }), 400, 'AFTER_SALES_BAD_PHOTO')
    const urls: string[] = []
    for (let i = 0; i < 7; i++) urls.push((await uploadPhoto(mei)).body.url)
    await refusedWith(ask(mei, orderId, { quantity: 1, reason: 'spoiled', note: '', photos: urls }), 400, 'AFTER_SALES_TOO_MANY_PHOTOS')
  })

  it("a neighbour who collected by proxy cannot ask on the owner's order", async () => {
    const proxied = await pickedUpOrder({ pickUp: false })
    const neighbour = await person(t.app, '邻居小李')
    const made = await call(t.app, mei, 'POST', `/orders/${proxied}/delegation`)
    const accepted = await call(t.app, neighbour, 'POST', `/delegations/${made.body.delegation.token}/accept`)
    expect((await call(t.app, fang, 'POST', '/leader/pickups/verify', { code: accepted.body.delegation.pickupCode })).status).toBe(200)
    const res = await ask(neighbour, proxied, { quantity: 1, reason: 'spoiled', note: '', photos: [] })
    expect(res).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } })
    // the owner still can
    expect((await ask(mei, proxied, { quantity: 1, reason: 'spoiled', note: '', photos: [] })).status).toBe(201)
  })

  it('a file that is not an image is refused by the upload, before any request', async () => {
    const boundary = '----linli-after-sales'
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/uploads',
      payload: Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.jpg"\r\nContent-Type: image/jpeg\r\n\r\n<script>alert(1)</script>\r\n--${boundary}--\r\n`,
      ),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: mei.authorization },
    })
    expect([res.statusCode, res.json().error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE'])
  })

  it('a shopper without a recent pickup may not upload at all', async () => {
    const stranger = await person(t.app, '新邻居')
    expect((await uploadPhoto(stranger)).status).toBe(403)
  })

  it('an order not picked up yet', async () => {
    const waiting = await pickedUpOrder({ pickUp: false })
    const res = await ask(mei, waiting, { quantity: 1, reason: 'missing', note: '', photos: [] })
    expect(res).toMatchObject({ status: 409, body: { error: { code: 'AFTER_SALES_NOT_PICKED_UP' } } })
  })

  it('a second request while one is open; a leader at another point; more than is left', async () => {
    // a fresh pickup (the stories above moved the clock on)
    orderId = await pickedUpOrder()
    const first = await ask(mei, orderId, { quantity: 1, reason: 'spoiled', note: '', photos: [] })
    expect(first.status).toBe(201)
    await refusedWith(ask(mei, orderId, { quantity: 1, reason: 'missing', note: '', photos: [] }), 409, 'AFTER_SALES_ALREADY_OPEN')
    const id = first.body.request.id
    await refusedWith(call(t.app, other, 'POST', `/leader/after-sales/${id}/approve`, {}), 404, 'NOT_FOUND')
    await refusedWith(call(t.app, other, 'POST', `/leader/after-sales/${id}/refuse`, { reason: '不是我的' }), 404, 'NOT_FOUND')
    expect((await call(t.app, other, 'GET', '/leader/after-sales')).body.requests.map((r: { id: string }) => r.id)).not.toContain(id)
    await refusedWith(call(t.app, mei, 'POST', `/leader/after-sales/${id}/approve`, {}), 403, 'FORBIDDEN')
    await refusedWith(call(t.app, fang, 'POST', `/leader/after-sales/${id}/approve`, { amountFen: 2971 }), 400, 'AFTER_SALES_AMOUNT_TOO_HIGH')
    await refusedWith(call(t.app, fang, 'POST', `/leader/after-sales/${id}/approve`, { amountFen: 0 }), 400, 'AFTER_SALES_BAD_AMOUNT')
    await refusedWith(call(t.app, fang, 'POST', `/leader/after-sales/${id}/refuse`, { reason: '   ' }), 400, 'AFTER_SALES_REASON_REQUIRED')
    // escalating what was never refused
    await refusedWith(call(t.app, mei, 'POST', `/after-sales/${id}/escalate`, {}), 409, 'AFTER_SALES_NOT_ESCALATABLE')
    // someone else's request
    await refusedWith(call(t.app, await person(t.app, '隔壁'), 'POST', `/after-sales/${id}/escalate`, {}), 404, 'NOT_FOUND')
  })

  it('after the window', async () => {
    const late = await pickedUpOrder()
    t.clock.advance(48 * HOUR)
    const res = await ask(mei, late, { quantity: 1, reason: 'spoiled', note: '', photos: [] })
    expect(res).toMatchObject({ status: 409, body: { error: { code: 'AFTER_SALES_WINDOW_CLOSED' } } })
    expect((await call(t.app, mei, 'GET', `/orders/${late}/after-sales`)).body).toMatchObject({
      canRequest: false,
      refusal: 'AFTER_SALES_WINDOW_CLOSED',
    })
  })
})

describe('at the same moment', () => {
  it('two approvals of one request refund once', async () => {
    const orderId = await pickedUpOrder()
    const { id } = (await ask(mei, orderId, { quantity: 2, reason: 'spoiled', note: '', photos: [] })).body.request
    const answers = await Promise.all([
      call(t.app, fang, 'POST', `/leader/after-sales/${id}/approve`, {}),
      call(t.app, fang, 'POST', `/leader/after-sales/${id}/approve`, { amountFen: 1500 }),
      call(t.app, fang, 'POST', `/leader/after-sales/${id}/refuse`, { reason: '晚了' }),
    ])
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409])
    const refunds = await afterSalesRefunds(orderId)
    expect(refunds.length).toBeLessThanOrEqual(1)
    const order = await orderRow(t.ctx, orderId)
    expect(order.refund_fen).toBe(870 + refunds.reduce((s, r) => s + r.amount_fen, 0))
    expect(order.refund_fen).toBeLessThanOrEqual(order.paid_fen)
  })

  it('two requests on one order: one is taken', async () => {
    const orderId = await pickedUpOrder()
    const answers = await Promise.all([1, 2, 3].map((q) => ask(mei, orderId, { quantity: q, reason: 'spoiled', note: '', photos: [] })))
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409])
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'AFTER_SALES_ALREADY_OPEN')).toBe(true)
  })
})

describe('the contract', () => {
  it('documents every after-sales route with a summary', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json()
    const routes = [
      ['get', '/api/v1/orders/{id}/after-sales'],
      ['post', '/api/v1/orders/{id}/after-sales'],
      ['post', '/api/v1/after-sales/{id}/escalate'],
      ['get', '/api/v1/leader/after-sales'],
      ['post', '/api/v1/leader/after-sales/{id}/approve'],
      ['post', '/api/v1/leader/after-sales/{id}/refuse'],
      ['get', '/api/v1/admin/after-sales'],
      ['post', '/api/v1/admin/after-sales/{id}/decide'],
    ]
    for (const [method, route] of routes) expect(doc.paths[route]?.[method]?.summary).toEqual(expect.stringContaining('售后'))
  })
})

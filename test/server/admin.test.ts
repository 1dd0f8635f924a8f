import type { InjectOptions } from 'fastify'
import { addDeal, addPaidOrder, addPickupPoint, addUser } from '../../server/seed/builders'
import { login, startTestApp, type TestApp } from './helpers'

// a fresh PostgreSQL schema and its migrations can take a while on a busy machine
jest.setTimeout(60_000)

let t: TestApp
const at = (hours: number) => new Date(new Date('2026-11-26T02:00:00.000Z').getTime() + hours * 3600_000)

interface Town {
  ops: { authorization: string; userId: string }
  shopperAuth: { authorization: string; userId: string }
  leaderAuth: { authorization: string; userId: string }
  leader: string
  point: string
  deal: string
  mei: string
  ting: string
  meiOrder: string
  tingOrder: string
  meiCode: string
}
const town = {} as Town

const api = (auth: { authorization: string }, method: InjectOptions['method'], url: string, payload?: object | null) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: auth.authorization }, ...(payload ? { payload } : {}) })

const auditRows = (action: string) => t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('created_at').execute()

beforeAll(async () => {
  t = await startTestApp()
  const db = t.ctx.db
  town.ops = await login(t.app, 'ops-zhou', 'admin', '运营小周')
  town.shopperAuth = await login(t.app, 'just-a-shopper', 'shopper', '路人')
  town.leaderAuth = await login(t.app, 'wang-store', 'leader', '王姐便利店')
  town.leader = town.leaderAuth.userId
  town.point = await addPickupPoint(
    db,
    town.leader,
    { name: '王姐便利店', address: '胜利西路38号', lat: 30.64, lng: 119.68, hours: '07:00-22:00', contact: '13857210001' },
    at(-48),
  )
  town.mei = await addUser(db, { handle: 'mei', nickname: '小梅', phone: '13912345678', at: at(-100) })
  town.ting = await addUser(db, { handle: 'ting', nickname: '婷婷', phone: '13800006666', at: at(-100) })
  town.deal = await addDeal(db, {
    leaderId: town.leader,
    title: '丹东草莓 3盒装',
    product: { name: '丹东草莓', spec: '500g/盒' },
    listPriceFen: 1500,
    tierBasis: 'people',
    tiers: [
      { threshold: 1, unitPriceFen: 1280 },
      { threshold: 3, unitPriceFen: 990 },
    ],
    minToSucceed: 2,
    cutoffAt: at(20),
    pickupStart: at(30),
    pickupEnd: at(34),
    pickupPointIds: [town.point],
    at: at(-2),
  })
  town.meiOrder = (await addPaidOrder(db, { dealId: town.deal, userId: town.mei, quantity: 2, pickupPointId: town.point, at: at(-1) })).orderId
  town.tingOrder = (await addPaidOrder(db, { dealId: town.deal, userId: town.ting, quantity: 1, pickupPointId: town.point, at: at(-0.5) })).orderId
  town.meiCode = (await db.selectFrom('orders').select('pickup_code').where('id', '=', town.meiOrder).executeTakeFirstOrThrow()).pickup_code!
})
afterAll(async () => t.close())

describe('only the operator', () => {
  // every row has its body (null: none): jest.each reads a missing argument as a `done` callback
  const routes: [InjectOptions['method'], string, object | null][] = [
    ['GET', '/admin/overview', null],
    ['GET', '/admin/deals', null],
    ['GET', '/admin/deals/any', null],
    ['PATCH', '/admin/deals/any/commission', { commissionBps: 600 }],
    ['GET', '/admin/orders?q=1', null],
    ['GET', '/admin/refunds', null],
    ['POST', '/admin/refunds/any/retry', {}],
    ['GET', '/admin/people', null],
    ['POST', '/admin/users/any/suspend', {}],
    ['POST', '/admin/users/any/unsuspend', {}],
    ['PATCH', '/admin/users/any/commission', { commissionBps: 600 }],
    ['GET', '/admin/audit', null],
    ['GET', '/admin/orders?q=1&format=csv', null],
  ]

  it.each(routes)('%s %s refuses a shopper and a leader with 403, and a stranger with 401', async (method, url, body) => {
    for (const who of [town.shopperAuth, town.leaderAuth]) {
      const res = await api(who, method, url, body)
      expect(res.statusCode).toBe(403)
      expect(res.json().error.code).toBe('FORBIDDEN')
    }
    const anonymous = await t.app.inject({ method, url: `/api/v1${url}`, ...(body ? { payload: body } : {}) })
    expect(anonymous.statusCode).toBe(401)
  })

  it('every admin route is in the OpenAPI document with a summary and bearer security', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json()
    const adminPaths = Object.entries(doc.paths as Record<string, Record<string, { summary?: string; security?: unknown[] }>>).filter(([p]) =>
      p.startsWith('/api/v1/admin/'),
    )
    const ops = adminPaths.flatMap(([p, methods]) => Object.entries(methods).map(([m, op]) => ({ path: p, method: m, op })))
    for (const path of ['/api/v1/admin/overview', '/api/v1/admin/orders', '/api/v1/admin/refunds/{id}/retry', '/api/v1/admin/audit']) {
      expect(ops.map((o) => o.path)).toContain(path)
    }
    for (const { op } of ops) {
      expect(op.summary).toEqual(expect.any(String))
      expect(op.security).toEqual([{ bearer: [] }])
    }
  })
})

describe('finding an order for a neighbour on the phone', () => {
  const search = async (q: string) => {
    const res = await api(town.ops, 'GET', `/admin/orders?q=${encodeURIComponent(q)}`)
    expect(res.statusCode).toBe(200)
    return res.json().orders as { id: string; dealTitle: string; shopper: { nickname: string; phoneTail: string | null }; matchedBy: string[] }[]
  }

  it('by order id', async () => {
    const found = await search(town.meiOrder)
    expect(found.map((o) => o.id)).toEqual([town.meiOrder])
    expect(found[0]).toMatchObject({ dealTitle: '丹东草莓 3盒装', shopper: { nickname: '小梅', phoneTail: '5678' }, matchedBy: ['id'] })
  })

  it('by pickup code', async () => {
    const found = await search(town.meiCode)
    expect(found.map((o) => o.id)).toContain(town.meiOrder)
    expect(found.find((o) => o.id === town.meiOrder)!.matchedBy).toContain('pickup_code')
  })

  it('by the last four digits of the phone', async () => {
    const found = await search('6666')
    expect(found.map((o) => o.id)).toEqual([town.tingOrder])
    expect(found[0].matchedBy).toEqual(['phone'])
  })

  it('by (part of) the nickname', async () => {
    const found = await search('婷')
    expect(found.map((o) => o.id)).toEqual([town.tingOrder])
    expect(found[0].matchedBy).toEqual(['nickname'])
  })

  it('a key nobody has finds nothing, and a % is just a character', async () => {
    expect(await search('无此人')).toEqual([])
    expect(await search('%')).toEqual([])
  })
})

describe('refunds', () => {
  let abnormal: string
  let done: string
  beforeAll(async () => {
    const db = t.ctx.db
    abnormal = 'rf-abnormal'
    done = 'rf-done'
    await db
      .insertInto('refunds')
      .values([
        {
          id: done,
          order_id: town.tingOrder,
          amount_fen: 100,
          reason: 'price_difference',
          status: 'succeeded',
          provider_ref: 'sandbox_refund_rf-done',
          created_at: at(-0.2).toISOString(),
          attempts: 0,
          last_error: null,
        },
        {
          id: abnormal,
          order_id: town.meiOrder,
          amount_fen: 1280,
          reason: 'after_sales',
          status: 'abnormal',
          provider_ref: 'wx-1',
          created_at: at(-0.4).toISOString(),
          attempts: 2,
          last_error: 'ABNORMAL: the card was closed',
        },
      ])
      .execute()
  })

  it('lists abnormal ones first', async () => {
    const res = await api(town.ops, 'GET', '/admin/refunds')
    const refunds = res.json().refunds as { id: string; abnormal: boolean; retryable: boolean; shopper: string }[]
    expect(refunds.map((r) => r.id)).toEqual([abnormal, done])
    expect(refunds[0]).toMatchObject({ abnormal: true, retryable: true, shopper: '小梅' })
    expect(refunds[1]).toMatchObject({ abnormal: false, retryable: false })
    const only = await api(town.ops, 'GET', '/admin/refunds?abnormal=true')
    expect(only.json().refunds.map((r: { id: string }) => r.id)).toEqual([abnormal])
  })

  it('a retry sends the refund again (the sandbox pays it) and is audited with before and after', async () => {
    const res = await api(town.ops, 'POST', `/admin/refunds/${abnormal}/retry`, {})
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: abnormal, status: 'succeeded', attempts: 0, lastError: null, abnormal: false })
    const row = await t.ctx.db.selectFrom('refunds').selectAll().where('id', '=', abnormal).executeTakeFirstOrThrow()
    expect(row.status).toBe('succeeded')
    const [entry] = await auditRows('refund.retry')
    expect(entry).toMatchObject({ actor_id: town.ops.userId, target_kind: 'refund', target_id: abnormal })
    expect(JSON.parse(entry.before!)).toEqual({ status: 'abnormal', attempts: 2, lastError: 'ABNORMAL: the card was closed' })
    expect(JSON.parse(entry.after!)).toEqual({ status: 'pending', attempts: 0, lastError: null })
  })

  it('a refund that already went through cannot be retried, and nothing is written', async () => {
    const before = (await auditRows('refund.retry')).length
    const res = await api(town.ops, 'POST', `/admin/refunds/${done}/retry`, {})
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('REFUND_NOT_RETRYABLE')
    expect((await auditRows('refund.retry')).length).toBe(before)
    expect((await api(town.ops, 'POST', '/admin/refunds/nope/retry', {})).statusCode).toBe(404)
  })
})

describe('suspending a leader', () => {
  it('stops her creating and publishing deals until she is reinstated; both are audited', async () => {
    const db = t.ctx.db
    const draft = await addDeal(db, {
      leaderId: town.leader,
      status: 'draft',
      title: '赣南脐橙 5斤',
      product: { name: '赣南脐橙', spec: '5斤/箱' },
      listPriceFen: 3990,
      tierBasis: 'people',
      tiers: [{ threshold: 1, unitPriceFen: 3590 }],
      minToSucceed: 1,
      cutoffAt: at(30),
      pickupStart: at(40),
      pickupEnd: at(44),
      pickupPointIds: [town.point],
      at: at(-1),
    })
    const suspended = await api(town.ops, 'POST', `/admin/users/${town.leader}/suspend`, { reason: '投诉较多' })
    expect(suspended.statusCode).toBe(200)
    expect(suspended.json().suspendedAt).toEqual(expect.any(String))

    const publish = await api(town.leaderAuth, 'POST', `/leader/deals/${draft}/publish`, {})
    expect(publish.statusCode).toBe(403)
    expect(publish.json().error.code).toBe('ACCOUNT_SUSPENDED')
    expect((await db.selectFrom('deals').select('status').where('id', '=', draft).executeTakeFirstOrThrow()).status).toBe('draft')

    const create = await api(town.leaderAuth, 'POST', '/leader/deals', {
      title: '新团',
      product: { name: '鸡蛋', spec: '30枚' },
      listPriceFen: 3000,
      tierBasis: 'people',
      tiers: [{ threshold: 1, unitPriceFen: 2500 }],
      minToSucceed: 1,
      cutoffAt: at(30).toISOString(),
      pickupStart: at(40).toISOString(),
      pickupEnd: at(44).toISOString(),
      pickupPointIds: [town.point],
    })
    expect(create.statusCode).toBe(403)
    expect(create.json().error.code).toBe('ACCOUNT_SUSPENDED')

    expect((await api(town.ops, 'POST', `/admin/users/${town.leader}/suspend`, {})).json().error.code).toBe('ALREADY_SUSPENDED')
    const lifted = await api(town.ops, 'POST', `/admin/users/${town.leader}/unsuspend`, {})
    expect(lifted.json().suspendedAt).toBeNull()
    expect((await api(town.leaderAuth, 'POST', `/leader/deals/${draft}/publish`, {})).statusCode).toBe(200)

    const [suspend] = await auditRows('user.suspend')
    expect(JSON.parse(suspend.before!)).toEqual({ suspendedAt: null })
    expect(JSON.parse(suspend.after!)).toEqual({ suspendedAt: expect.any(String), reason: '投诉较多' })
    const [unsuspend] = await auditRows('user.unsuspend')
    expect(JSON.parse(unsuspend.after!)).toEqual({ suspendedAt: null })
  })

  it('a shopper is not a seller to suspend', async () => {
    const res = await api(town.ops, 'POST', `/admin/users/${town.mei}/suspend`, {})
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('NOT_A_SELLER')
  })
})

describe('commission rates', () => {
  it("a leader's rate changes (for deals settled from now on) and the change is audited", async () => {
    const res = await api(town.ops, 'PATCH', `/admin/users/${town.leader}/commission`, { commissionBps: 650 })
    expect(res.statusCode).toBe(200)
    expect(res.json().commissionBps).toBe(650)
    const [entry] = await auditRows('user.commission')
    expect(JSON.parse(entry.before!)).toEqual({ commissionBps: 500 })
    expect(JSON.parse(entry.after!)).toEqual({ commissionBps: 650 })
    expect((await api(town.ops, 'PATCH', `/admin/users/${town.mei}/commission`, { commissionBps: 650 })).json().error.code).toBe('NOT_A_LEADER')
    expect((await api(town.ops, 'PATCH', `/admin/users/${town.leader}/commission`, { commissionBps: 9000 })).statusCode).toBe(400)
  })

  it("a deal's rate changes before it settles, audited", async () => {
    const res = await api(town.ops, 'PATCH', `/admin/deals/${town.deal}/commission`, { commissionBps: 800 })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: town.deal, commissionBps: 800, settledAt: null })
    const [entry] = await auditRows('deal.commission')
    expect(JSON.parse(entry.before!)).toEqual({ commissionBps: null })
    expect(JSON.parse(entry.after!)).toEqual({ commissionBps: 800 })
  })

  it('on a settled deal it is 409 DEAL_ALREADY_SETTLED and changes nothing', async () => {
    const db = t.ctx.db
    await db
      .updateTable('deals')
      .set({ settled_at: at(0).toISOString() })
      .where('id', '=', town.deal)
      .execute()
    const entries = (await auditRows('deal.commission')).length
    const res = await api(town.ops, 'PATCH', `/admin/deals/${town.deal}/commission`, { commissionBps: 1200 })
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('DEAL_ALREADY_SETTLED')
    expect((await db.selectFrom('deals').select('commission_bps').where('id', '=', town.deal).executeTakeFirstOrThrow()).commission_bps).toBe(800)
    expect((await auditRows('deal.commission')).length).toBe(entries)
    await db.updateTable('deals').set({ settled_at: null }).where('id', '=', town.deal).execute()
  })
})

describe('what the operator reads', () => {
  it("today's figures count the paid orders and what they paid", async () => {
    t.clock.set(at(0).toISOString())
    const res = await api(town.ops, 'GET', '/admin/overview?days=7')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.days).toHaveLength(7)
    expect(body.today.day).toBe('2026-11-26')
    expect(body.today.orders).toBeGreaterThanOrEqual(2)
    // 2 × ¥12.80 + 1 × ¥12.80 (both joined at the first tier), and the after-sales refund of ¥12.80
    expect(body.today).toMatchObject({ gmvFen: 3840, refundFen: 1280, refundRateBps: 3333 })
    expect(body.leaders[0]).toMatchObject({ id: town.leader, name: '王姐便利店', orders: 2, gmvFen: 3840 })
  })

  it('deals search by title words and status; one deal shows its orders, refunds and timeline', async () => {
    const list = (await api(town.ops, 'GET', `/admin/deals?q=${encodeURIComponent('草莓')}&status=open`)).json()
    expect(list.deals.map((d: { id: string }) => d.id)).toEqual([town.deal])
    expect(list.deals[0]).toMatchObject({ orders: 2, gmvFen: 3840, leader: { name: '王姐便利店' } })
    expect((await api(town.ops, 'GET', `/admin/deals?q=${encodeURIComponent('草莓')}&status=failed`)).json().deals).toEqual([])
    const one = (await api(town.ops, 'GET', `/admin/deals/${town.deal}`)).json()
    expect(one.orders.map((o: { id: string }) => o.id).sort()).toEqual([town.meiOrder, town.tingOrder].sort())
    expect(one.refunds.length).toBe(2)
    expect(one.points).toEqual([expect.objectContaining({ name: '王姐便利店', orders: 2, units: 3 })])
    expect(one.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['created', 'published', 'admin']))
    expect((await api(town.ops, 'GET', '/admin/deals/nope')).statusCode).toBe(404)
  })

  it('people lists leaders with their rate; the audit log names who did what', async () => {
    const people = (await api(town.ops, 'GET', '/admin/people?role=leader')).json().people
    expect(people.find((p: { id: string }) => p.id === town.leader)).toMatchObject({ nickname: '王姐便利店', commissionBps: 650, points: 1 })
    const log = (await api(town.ops, 'GET', '/admin/audit')).json()
    expect(log.entries.length).toBeGreaterThanOrEqual(5)
    expect(log.entries[0].actor).toEqual({ id: town.ops.userId, name: '运营小周' })
    const dealLog = (await api(town.ops, 'GET', `/admin/audit?targetKind=deal&targetId=${town.deal}`)).json()
    expect(dealLog.entries).toEqual([
      expect.objectContaining({ action: 'deal.commission', before: { commissionBps: null }, after: { commissionBps: 800 } }),
    ])
  })

  it('approving a leader application is in the audit log', async () => {
    const applicant = await login(t.app, 'chen-applies', 'shopper', '陈阿姨')
    const created = await api(applicant, 'POST', '/leader-applications', {
      name: '陈美华',
      community: '桂花苑',
      phone: '13912340000',
      pickupPoint: { name: '桂花苑门口', address: '桂花路1号', lat: 30.6, lng: 119.6, hours: '08:00-20:00', contact: '13912340000' },
    })
    const approved = await api(town.ops, 'POST', `/admin/leader-applications/${created.json().id}/approve`, { commissionBps: 600 })
    expect(approved.statusCode).toBe(200)
    const [entry] = await auditRows('leader_application.approve')
    expect(entry).toMatchObject({ target_id: created.json().id, actor_id: town.ops.userId })
    expect(JSON.parse(entry.after!)).toMatchObject({ status: 'approved', commissionBps: 600 })
  })
})

describe("the operator's after-sales decision", () => {
  it('upholding an escalated refusal is in the audit log with before and after', async () => {
    const nowIso = at(0).toISOString()
    await t.ctx.db
      .insertInto('after_sales_requests')
      .values({
        id: 'as-escalated',
        order_id: town.tingOrder,
        user_id: town.ting,
        pickup_point_id: town.point,
        quantity: 1,
        reason: 'spoiled',
        note: '压坏了',
        photos: '[]',
        status: 'escalated',
        asked_fen: 1280,
        approved_fen: null,
        leader_reason: '称过，足秤',
        answered_by: town.leader,
        escalation_note: '有照片',
        decision: null,
        decision_note: null,
        decided_by: null,
        created_at: nowIso,
        answered_at: nowIso,
        escalated_at: nowIso,
        decided_at: null,
        updated_at: nowIso,
      })
      .execute()
    const res = await api(town.ops, 'POST', '/admin/after-sales/as-escalated/decide', { decision: 'uphold', note: '照片看不出问题' })
    expect(res.statusCode).toBe(200)
    const [entry] = await auditRows('after_sales.decide')
    expect(entry).toMatchObject({ actor_id: town.ops.userId, target_kind: 'after_sales', target_id: 'as-escalated' })
    expect(JSON.parse(entry.before!)).toEqual({ status: 'escalated' })
    expect(JSON.parse(entry.after!)).toEqual({ status: 'decided', decision: 'uphold', amountFen: null, note: '照片看不出问题' })
  })
})

describe('CSV export', () => {
  const csvOf = async (url: string) => {
    const res = await api(town.ops, 'GET', url)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(res.body.startsWith('\uFEFF')).toBe(true)
    return res.body.slice(1).trimEnd().split('\r\n')
  }

  it('each list has a heading row and one line per row', async () => {
    const orders = (await api(town.ops, 'GET', '/admin/orders')).json().orders
    const orderLines = await csvOf('/admin/orders?format=csv')
    expect(orderLines[0].split(',')[0]).toBe('编号')
    expect(orderLines).toHaveLength(orders.length + 1)
    expect(orderLines.find((l) => l.startsWith(town.meiOrder))).toContain('25.60')

    const refunds = (await api(town.ops, 'GET', '/admin/refunds')).json().refunds
    expect(await csvOf('/admin/refunds?format=csv')).toHaveLength(refunds.length + 1)
    const deals = (await api(town.ops, 'GET', '/admin/deals')).json().deals
    expect(await csvOf('/admin/deals?format=csv')).toHaveLength(deals.length + 1)
    const people = (await api(town.ops, 'GET', '/admin/people')).json().people
    expect(await csvOf('/admin/people?format=csv')).toHaveLength(people.length + 1)
    const audit = (await api(town.ops, 'GET', '/admin/audit')).json().entries
    expect(await csvOf('/admin/audit?format=csv')).toHaveLength(audit.length + 1)
    const days = await csvOf('/admin/overview?days=7&format=csv&lang=en')
    expect(days[0]).toBe('Day,Orders,Sales (CNY),Refunds (CNY),Refund rate')
    expect(days).toHaveLength(8)
  })
})

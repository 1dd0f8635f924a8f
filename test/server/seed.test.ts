import type { Tier, TierBasis } from '../../types/api'
import { ACTIVE_ORDER_STATUSES, countToward, priceAt, validateTiers } from '../../src/domain'
import { isEmpty, nothingOpenToJoin, resetAndSeed, seedIfEmpty } from '../../server/seed/seed'
import { login, startTestApp, type TestApp } from './helpers'
import { balanceOf, leaderAccount } from '../../server/features/ledger/ledger.service'
import { ledgerProblems } from './ledger-check'

const HOUR = 3_600_000
// a fresh migrated PostgreSQL schema can take seconds to build on a busy machine
jest.setTimeout(30_000)

let t: TestApp

beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

const count = async (table: 'users' | 'deals' | 'orders' | 'pickup_points' | 'payments' | 'sessions') =>
  (
    await t.ctx.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n

/** The rules every seeded deal must obey, checked against the rows themselves. */
async function expectConsistentNeighbourhood(now: Date) {
  const db = t.ctx.db
  const deals = await db.selectFrom('deals').selectAll().execute()
  const orders = await db.selectFrom('orders').selectAll().orderBy('created_at').execute()
  const payments = await db.selectFrom('payments').selectAll().execute()
  const participants = await db.selectFrom('deal_participants').selectAll().execute()
  const invites = await db.selectFrom('invites').selectAll().execute()
  const links = await db
    .selectFrom('deal_pickup_points')
    .innerJoin('pickup_points', 'pickup_points.id', 'deal_pickup_points.pickup_point_id')
    .selectAll()
    .execute()

  const codes = orders.map((o) => o.pickup_code)
  expect(codes.every((c) => /^\d{6}$/.test(c ?? ''))).toBe(true)
  expect(new Set(codes).size).toBe(codes.length)

  // the town's past (deals collected days ago) is checked by its ledger below
  for (const deal of deals.filter((d) => d.status !== 'completed')) {
    const tiers = JSON.parse(deal.tiers) as Tier[]
    expect(validateTiers(tiers, deal.list_price_fen)).toEqual([])
    expect(tiers.length).toBeGreaterThanOrEqual(2)
    expect(tiers.length).toBeLessThanOrEqual(4)
    const cutoff = Date.parse(deal.cutoff_at)
    expect(cutoff - now.getTime()).toBeGreaterThanOrEqual(2 * HOUR)
    expect(cutoff - now.getTime()).toBeLessThanOrEqual(72 * HOUR)
    expect(Date.parse(deal.pickup_start)).toBeGreaterThan(cutoff)
    expect(Date.parse(deal.pickup_end)).toBeGreaterThan(Date.parse(deal.pickup_start))
    const images = JSON.parse(deal.product_images) as string[]
    expect(images.length).toBeGreaterThan(0)
    expect(images.every((url) => url.startsWith('/static/products/'))).toBe(true)
    // it ships only to its own leader's points; a supplier's deal to the points leaders opted in (帮卖)
    const points = links.filter((l) => l.deal_id === deal.id)
    expect(points.length).toBeGreaterThan(0)
    if (deal.supplier_id) expect(points.every((p) => p.opted_in_by === p.leader_id && p.leader_id !== deal.leader_id)).toBe(true)
    else expect(points.every((p) => p.leader_id === deal.leader_id)).toBe(true)

    // replay the joins in order: each paid the tier price of the count including her own order
    const mine = orders.filter((o) => o.deal_id === deal.id)
    const countable = mine.map((o) => ({ userId: o.user_id, quantity: o.quantity }))
    for (const [i, o] of mine.entries()) {
      expect(o.status).toBe('paid')
      const countAtJoin = countToward(deal.tier_basis as TierBasis, countable.slice(0, i + 1))
      expect(o.unit_price_fen).toBe(priceAt(tiers, countAtJoin))
      expect(o.paid_fen).toBe(o.unit_price_fen * o.quantity)
      expect(points.map((p) => p.pickup_point_id)).toContain(o.pickup_point_id)
      const paid = payments.filter((p) => p.order_id === o.id)
      expect(paid).toEqual([expect.objectContaining({ provider: 'sandbox', status: 'succeeded', amount_fen: o.paid_fen })])
      if (o.inviter_id) {
        expect(o.inviter_id).not.toBe(o.user_id)
        expect(invites.some((invite) => invite.deal_id === deal.id && invite.user_id === o.inviter_id)).toBe(true)
      }
    }
    // the counters are exactly what the active orders add up to
    const active = mine.filter((o) => (ACTIVE_ORDER_STATUSES as readonly string[]).includes(o.status))
    expect(deal.active_units).toBe(active.reduce((s, o) => s + o.quantity, 0))
    expect(deal.participant_count).toBe(new Set(active.map((o) => o.user_id)).size)
    const perUser = new Map<string, number>()
    for (const o of active) perUser.set(o.user_id, (perUser.get(o.user_id) ?? 0) + o.quantity)
    const rows = participants.filter((p) => p.deal_id === deal.id)
    expect(new Map(rows.map((p) => [p.user_id, p.active_units]))).toEqual(perUser)
    if (deal.stock_units !== null) expect(deal.active_units).toBeLessThanOrEqual(deal.stock_units)
    if (deal.per_user_limit !== null) for (const u of perUser.values()) expect(u).toBeLessThanOrEqual(deal.per_user_limit)
  }
}

describe('the demo neighbourhood', () => {
  it('loads into an empty database: 递铺 with its leaders, points, shoppers and open deals', async () => {
    expect(await isEmpty(t.ctx.db)).toBe(true)
    const result = await seedIfEmpty(t.ctx.db, t.clock.now())
    // 17 live deals and 4 of the town's past
    expect(result).toEqual({ users: 15, pickupPoints: 6, deals: 21, orders: expect.any(Number) })

    const users = await t.ctx.db.selectFrom('users').selectAll().orderBy('created_at').execute()
    const leaders = users.filter((u) => u.roles === 'shopper,leader')
    expect(leaders.map((u) => [u.handle, u.nickname, u.commission_bps])).toEqual([
      ['wang-store', '王姐便利店', 500],
      ['li-mama', '李妈妈', 500],
      ['zhang-fruit', '张叔水果摊', 500],
    ])
    expect(users.filter((u) => u.roles === 'shopper').length).toBe(10)
    // two suppliers (供货商), approved, each with an open deal help-sold at the leaders' points
    const suppliers = await t.ctx.db.selectFrom('suppliers').selectAll().orderBy('created_at').execute()
    expect(suppliers.map((s) => [s.name, s.status])).toEqual([
      ['山前果蔬合作社', 'approved'],
      ['城南粮油批发', 'approved'],
    ])
    expect(users.filter((u) => u.roles === 'shopper,supplier').map((u) => u.handle)).toEqual(['shanqian-coop', 'chengnan-grain'])
    expect(users.every((u) => u.handle && /^[a-z-]+$/.test(u.handle))).toBe(true)

    const points = await t.ctx.db.selectFrom('pickup_points').selectAll().execute()
    expect(points).toHaveLength(6)
    for (const p of points) {
      // around 递铺街道, 安吉
      expect(Math.abs(p.lat - 30.635)).toBeLessThan(0.02)
      expect(Math.abs(p.lng - 119.685)).toBeLessThan(0.02)
      expect(p.hours).toMatch(/^\d{2}:\d{2}-\d{2}:\d{2}$/)
      expect(p.address).toContain('安吉')
    }

    const deals = await t.ctx.db.selectFrom('deals').selectAll().execute()
    const open = deals.filter((d) => d.status === 'open')
    expect(open.length).toBeGreaterThanOrEqual(12)
    expect(new Set(open.map((d) => d.tier_basis))).toEqual(new Set(['people', 'units']))
    expect(open.some((d) => d.stock_units !== null)).toBe(true)
    expect(open.some((d) => d.per_user_limit !== null)).toBe(true)
    expect(open.filter((d) => d.participant_count > 0).length).toBeGreaterThanOrEqual(6)
  })

  it('is consistent: prices by the tier at joining, payments, pickup codes and counters all agree', async () => {
    await expectConsistentNeighbourhood(t.clock.now())
  })

  it('shows real progress through the API, like "再邀1人 享¥33.80" on the strawberries', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/deals?lat=30.6386&lng=119.6758' })
    const { deals } = res.json()
    // 14 of the leaders' own and the two supplier deals
    expect(deals.length).toBe(16)
    const strawberries = deals.find((d: { product: { name: string } }) => d.product.name === '丹东红颜草莓')
    expect(strawberries).toMatchObject({ count: 3, currentUnitPriceFen: 3980, nextTier: { threshold: 4, unitPriceFen: 3380, remaining: 1 } })
    expect(deals.filter((d: { nextTier: unknown; count: number }) => d.count > 0 && d.nextTier).length).toBeGreaterThanOrEqual(5)
  })

  it('serves every product picture itself (no network), as SVG', async () => {
    const deals = await t.ctx.db.selectFrom('deals').select('product_images').execute()
    const urls = new Set(deals.flatMap((d) => JSON.parse(d.product_images) as string[]))
    for (const url of urls) {
      const res = await t.app.inject({ method: 'GET', url })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toContain('image/svg+xml')
      expect(res.body).toMatch(/^<svg /)
      expect(res.body).not.toMatch(/https?:\/\/(?!www\.w3\.org)/)
    }
    expect((await t.app.inject({ method: 'GET', url: '/static/products/../seed.ts' })).statusCode).toBe(404)
  })

  it("the town's past is in the ledger: every payment and refund posted, commission collected over a week ago withdrawable", async () => {
    expect(await ledgerProblems(t.ctx.db, t.clock.now().toISOString())).toEqual([])
    const past = await t.ctx.db.selectFrom('deals').selectAll().where('status', '=', 'completed').execute()
    expect(past).toHaveLength(4)
    const pastIds = past.map((d) => d.id)
    const orders = await t.ctx.db.selectFrom('orders').selectAll().where('deal_id', 'in', pastIds).execute()
    expect(orders.every((o) => o.status === 'picked_up' && o.commission_bps === 500 && o.commission_leader_id)).toBe(true)
    expect(orders.some((o) => o.refund_fen > 0)).toBe(true)
    const leaders = await t.ctx.db.selectFrom('users').select(['id', 'handle']).where('roles', '=', 'shopper,leader').execute()
    for (const leader of leaders) {
      const wallet = await balanceOf(t.ctx.db, leaderAccount(leader.id), t.clock.now().toISOString())
      expect(wallet.withdrawableFen).toBeGreaterThan(0)
      expect(wallet.balanceFen).toBe(wallet.withdrawableFen + wallet.pendingFen)
    }
    const wang = leaders.find((l) => l.handle === 'wang-store')!
    // her white tea was collected two days ago: still held
    expect((await balanceOf(t.ctx.db, leaderAccount(wang.id), t.clock.now().toISOString())).pendingFen).toBeGreaterThan(0)
  })

  it('the demo leaders can sign in from the dev login picker', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/dev/users' })
    const handles = res.json().users.map((u: { handle: string }) => u.handle)
    expect(handles.slice(0, 3)).toEqual(['wang-store', 'li-mama', 'zhang-fruit'])
    const wang = await login(t.app, 'wang-store')
    const own = await t.app.inject({ method: 'GET', url: '/api/v1/leader/pickup-points', headers: { authorization: wang.authorization } })
    expect(own.json().pickupPoints.map((p: { name: string }) => p.name)).toEqual(['王姐便利店（胜利西路店）', '王姐便利店（阳光小区店）'])
  })

  it('never loads into a database that has users: nothing changes', async () => {
    const before = { users: await count('users'), deals: await count('deals'), orders: await count('orders') }
    expect(await seedIfEmpty(t.ctx.db, t.clock.now())).toBeNull()
    expect({ users: await count('users'), deals: await count('deals'), orders: await count('orders') }).toEqual(before)
  })

  it('says when every demo deal is past its cutoff, so the demo can be reset', async () => {
    expect(await nothingOpenToJoin(t.ctx.db, t.clock.now())).toBe(false)
    expect(await nothingOpenToJoin(t.ctx.db, new Date(t.clock.now().getTime() + 73 * HOUR))).toBe(true)
  })

  it('--reset wipes everything (sessions and points made since included) and gives a fresh neighbourhood', async () => {
    const wang = await login(t.app, 'wang-store')
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/v1/leader/pickup-points',
      headers: { authorization: wang.authorization },
      payload: { name: '临时点', address: '递铺老街1号', lat: 30.64, lng: 119.69, hours: '08:00-18:00', contact: '13800000000' },
    })
    expect(added.statusCode).toBe(201)
    await login(t.app, 'a-newcomer')
    const oldDeals = await t.ctx.db.selectFrom('deals').select('id').execute()

    // two days later the demo is reset
    t.clock.advance(48 * HOUR)
    const result = await resetAndSeed(t.ctx.db, t.clock.now())
    expect(result).toMatchObject({ users: 15, pickupPoints: 6, deals: 21 })
    expect(await count('users')).toBe(15)
    expect(await count('pickup_points')).toBe(6)
    expect(await count('sessions')).toBe(0)
    const newDeals = await t.ctx.db.selectFrom('deals').select('id').execute()
    expect(newDeals.some((d) => oldDeals.some((o) => o.id === d.id))).toBe(false)
    await expectConsistentNeighbourhood(t.clock.now())
    // the old session is gone with its user
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: wang.authorization } })
    expect(me.statusCode).toBe(401)
  })
})

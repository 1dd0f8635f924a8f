import type { DealDetail, DealSummary } from '../../types/api'
import { addDeal, addInvite, addPaidOrder, addPickupPoint, addUser } from '../../server/seed/builders'
import { login, startTestApp, type TestApp } from './helpers'

const HOUR = 3_600_000
// a fresh migrated PostgreSQL schema can take seconds to build on a busy machine
jest.setTimeout(30_000)

let t: TestApp

// 递铺: the shopper stands at 王姐's shop; 李妈妈's point is about 1.4 km away
const atWangShop = { lat: 30.6386, lng: 119.6758 }
const town = {} as {
  wang: string
  li: string
  wangPoint: string
  wangSecondPoint: string
  liPoint: string
  shoppers: string[]
  peaches: string
  eggs: string
  greensLi: string
  draft: string
  lapsed: string
  cancelled: string
  inviteCode: string
}

const at = (hoursFromNow: number) => new Date(t.clock.now().getTime() + hoursFromNow * HOUR)
const dealSpec = (leaderId: string, points: string[], cutoffInHours: number, title: string) => ({
  leaderId,
  title,
  product: { name: title, spec: '500g/份', images: ['/static/products/peach.svg'], category: '水果' },
  listPriceFen: 1500,
  tierBasis: 'people' as const,
  tiers: [
    { threshold: 1, unitPriceFen: 1280 },
    { threshold: 3, unitPriceFen: 990 },
    { threshold: 5, unitPriceFen: 880 },
  ],
  minToSucceed: 2,
  cutoffAt: at(cutoffInHours),
  pickupStart: at(cutoffInHours + 18),
  pickupEnd: at(cutoffInHours + 22),
  pickupPointIds: points,
  at: at(-24),
})

beforeAll(async () => {
  t = await startTestApp()
  const db = t.ctx.db
  town.wang = (await login(t.app, 'wang-store', 'leader', '王姐便利店')).userId
  town.li = (await login(t.app, 'li-mama', 'leader', '李妈妈')).userId
  town.wangPoint = await addPickupPoint(
    db,
    town.wang,
    { name: '王姐便利店', address: '胜利西路38号', ...atWangShop, hours: '07:00-22:00', contact: '13857210001' },
    at(-48),
  )
  town.wangSecondPoint = await addPickupPoint(
    db,
    town.wang,
    { name: '王姐（阳光小区店）', address: '阳光小区东门', lat: 30.6431, lng: 119.6822, hours: '07:30-21:30', contact: '13857210001' },
    at(-47),
  )
  town.liPoint = await addPickupPoint(
    db,
    town.li,
    { name: '李妈妈家', address: '桃园小区3幢', lat: 30.6309, lng: 119.6874, hours: '09:00-20:00', contact: '13957220002' },
    at(-46),
  )
  town.shoppers = []
  for (const [handle, nickname] of [
    ['mei', '小梅'],
    ['ting', '婷婷'],
    ['hua', '阿华'],
    ['yu', '小雨'],
  ]) {
    town.shoppers.push(await addUser(db, { handle, nickname, at: at(-100) }))
  }
  const [mei, ting, hua] = town.shoppers

  // 李妈妈's peaches close soonest; three neighbours have paid
  town.peaches = await addDeal(db, dealSpec(town.li, [town.liPoint], 6, '阳山水蜜桃'))
  town.inviteCode = await addInvite(db, town.peaches, mei, at(-20))
  await addPaidOrder(db, { dealId: town.peaches, userId: mei, quantity: 1, pickupPointId: town.liPoint, at: at(-20) })
  await addPaidOrder(db, { dealId: town.peaches, userId: ting, quantity: 2, pickupPointId: town.liPoint, inviterId: mei, at: at(-19) })
  await addPaidOrder(db, { dealId: town.peaches, userId: hua, quantity: 1, pickupPointId: town.liPoint, at: at(-18) })

  // 王姐's eggs count units, at both her points, with a stock cap and a limit
  town.eggs = await addDeal(db, {
    ...dealSpec(town.wang, [town.wangSecondPoint, town.wangPoint], 30, '土鸡蛋 30枚'),
    tierBasis: 'units',
    tiers: [
      { threshold: 1, unitPriceFen: 4500 },
      { threshold: 10, unitPriceFen: 3990 },
    ],
    stockUnits: 50,
    perUserLimit: 4,
  })
  await addPaidOrder(db, { dealId: town.eggs, userId: mei, quantity: 3, pickupPointId: town.wangPoint, at: at(-10) })
  await addPaidOrder(db, { dealId: town.eggs, userId: mei, quantity: 1, pickupPointId: town.wangPoint, at: at(-9) })
  await addPaidOrder(db, { dealId: town.eggs, userId: ting, quantity: 4, pickupPointId: town.wangPoint, at: at(-8) })

  town.greensLi = await addDeal(db, dealSpec(town.li, [town.liPoint], 20, '本地青菜'))
  town.draft = await addDeal(db, { ...dealSpec(town.wang, [town.wangPoint], 40, '笋干（草稿）'), status: 'draft' })
  town.cancelled = await addDeal(db, { ...dealSpec(town.wang, [town.wangPoint], 40, '已取消的团'), status: 'cancelled' })
  // its cutoff passed an hour ago and nobody has settled it yet
  town.lapsed = await addDeal(db, dealSpec(town.li, [town.liPoint], -1, '昨天的草莓'))
  await addPaidOrder(db, { dealId: town.lapsed, userId: hua, quantity: 1, pickupPointId: town.liPoint, at: at(-5) })
})
afterAll(() => t.close())

async function list(query = ''): Promise<{ deals: DealSummary[]; serverNow: string }> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/deals${query}` })
  expect(res.statusCode).toBe(200)
  return res.json()
}

async function detail(id: string, query = '', authorization?: string) {
  return t.app.inject({ method: 'GET', url: `/api/v1/deals/${id}${query}`, headers: authorization ? { authorization } : {} })
}

describe('the list of deals near me', () => {
  it('shows only open deals whose cutoff is ahead, soonest cutoff first, with the server clock', async () => {
    const body = await list()
    expect(body.serverNow).toBe(t.clock.now().toISOString())
    expect(body.deals.map((d) => d.title)).toEqual(['阳山水蜜桃', '本地青菜', '土鸡蛋 30枚'])
    expect(body.deals.every((d) => d.status === 'open')).toBe(true)
  })

  it('a deal with 3 paid people at tiers 1/3/5 shows the ¥9.90 tier and 2 more to ¥8.80', async () => {
    const peaches = (await list()).deals.find((d) => d.id === town.peaches)!
    expect(peaches).toMatchObject({
      tierBasis: 'people',
      count: 3,
      currentUnitPriceFen: 990,
      nextTier: { threshold: 5, unitPriceFen: 880, remaining: 2 },
      soldUnits: 4,
      leader: { id: town.li, nickname: '李妈妈' },
    })
  })

  it('a units deal counts units, not people, and shows its stock and limit', async () => {
    const eggs = (await list()).deals.find((d) => d.id === town.eggs)!
    expect(eggs).toMatchObject({
      tierBasis: 'units',
      count: 8,
      soldUnits: 8,
      currentUnitPriceFen: 4500,
      nextTier: { threshold: 10, unitPriceFen: 3990, remaining: 2 },
      stockUnits: 50,
      perUserLimit: 4,
    })
  })

  it('every summary carries the whole contract, and the first point when no location is given', async () => {
    const eggs = (await list()).deals.find((d) => d.id === town.eggs)!
    expect(Object.keys(eggs).sort()).toEqual(
      [
        'id',
        'status',
        'title',
        'product',
        'listPriceFen',
        'tierBasis',
        'tiers',
        'minToSucceed',
        'count',
        'currentUnitPriceFen',
        'nextTier',
        'stockUnits',
        'soldUnits',
        'perUserLimit',
        'cutoffAt',
        'pickupStart',
        'pickupEnd',
        'leader',
        'nearestPickupPoint',
        'supplier',
      ].sort(),
    )
    // a leader's own deal: no supplier (供货商)
    expect(eggs.supplier).toBeNull()
    expect(eggs.product).toEqual({ name: '土鸡蛋 30枚', spec: '500g/份', description: '', images: ['/static/products/peach.svg'], category: '水果' })
    expect(eggs.cutoffAt).toBe(at(30).toISOString())
    // the first of her points, as she created them; no distance without a location
    expect(eggs.nearestPickupPoint).toEqual({
      id: town.wangPoint,
      leaderId: town.wang,
      name: '王姐便利店',
      address: '胜利西路38号',
      lat: 30.6386,
      lng: 119.6758,
      hours: '07:00-22:00',
      contact: '13857210001',
    })
  })

  it('standing at 王姐便利店, her deals come first (nearest point), then by cutoff', async () => {
    const body = await list(`?lat=${atWangShop.lat}&lng=${atWangShop.lng}`)
    expect(body.deals.map((d) => d.title)).toEqual(['土鸡蛋 30枚', '阳山水蜜桃', '本地青菜'])
    expect(body.deals[0].nearestPickupPoint).toMatchObject({ id: town.wangPoint, distanceM: 0 })
    const li = body.deals[1].nearestPickupPoint!
    expect(li.id).toBe(town.liPoint)
    // 胜利西路 to 桃园小区: about 1.4 km as the crow flies
    expect(li.distanceM).toBeGreaterThan(1300)
    expect(li.distanceM).toBeLessThan(1500)
  })

  it('standing by 阳光小区, her other point is the nearest one shown', async () => {
    const body = await list('?lat=30.6430&lng=119.6820')
    const eggs = body.deals.find((d) => d.id === town.eggs)!
    expect(eggs.nearestPickupPoint!.id).toBe(town.wangSecondPoint)
    expect(eggs.nearestPickupPoint!.distanceM).toBeLessThan(50)
  })

  it.each([
    ['lat=abc&lng=119.68', 'not a number'],
    ['lat=999&lng=119.68', 'out of range'],
    ['lat=30.6&lng=200', 'longitude out of range'],
    ['lat=30.63', 'lat without lng'],
    ['lng=119.68', 'lng without lat'],
    ['lat=&lng=', 'empty'],
    ['lat=Infinity&lng=1', 'Infinity'],
    ['lat=%20&lng=1', 'a blank'],
  ])('?%s (%s) is a 400 VALIDATION_FAILED in the contract shape', async (query) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/deals?${query}` })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ error: { code: 'VALIDATION_FAILED', message: expect.any(String) } })
  })
})

describe('one deal', () => {
  it('shows every pickup point nearest first, with the tiers and progress', async () => {
    const res = await detail(town.eggs, '?lat=30.6430&lng=119.6820')
    expect(res.statusCode).toBe(200)
    const { deal, serverNow } = res.json() as { deal: DealDetail; serverNow: string }
    expect(serverNow).toBe(t.clock.now().toISOString())
    expect(deal.pickupPoints.map((p) => p.id)).toEqual([town.wangSecondPoint, town.wangPoint])
    expect(deal.pickupPoints[0].distanceM!).toBeLessThan(deal.pickupPoints[1].distanceM!)
    expect(deal).toMatchObject({ count: 8, currentUnitPriceFen: 4500, nextTier: { remaining: 2 } })
    expect(deal.inviter).toBeUndefined()
  })

  it("a friend landing with 小梅's invite code sees her nickname and how many more unlock ¥8.80", async () => {
    const res = await detail(town.peaches, `?invite=${town.inviteCode}`)
    expect(res.statusCode).toBe(200)
    const { deal } = res.json() as { deal: DealDetail }
    expect(deal.inviter).toEqual({ nickname: '小梅' })
    expect(deal.nextTier).toEqual({ threshold: 5, unitPriceFen: 880, remaining: 2 })
  })

  it('an invite code of another deal, or an unknown one, names nobody (and does not spoil the page)', async () => {
    for (const code of [town.inviteCode, 'nope']) {
      const res = await detail(town.eggs, `?invite=${code}`)
      expect(res.statusCode).toBe(200)
      expect(res.json().deal.inviter).toBeUndefined()
    }
  })

  it('a draft does not exist for shoppers, other leaders or strangers; its own leader sees it', async () => {
    expect((await detail(town.draft)).statusCode).toBe(404)
    const shopper = await login(t.app, 'mei-shopper')
    expect((await detail(town.draft, '', shopper.authorization)).statusCode).toBe(404)
    const li = await login(t.app, 'li-mama', 'leader')
    const other = await detail(town.draft, '', li.authorization)
    expect(other.statusCode).toBe(404)
    expect(other.json()).toEqual({ error: { code: 'NOT_FOUND', message: '团购不存在' } })
    const wang = await login(t.app, 'wang-store', 'leader')
    const own = await detail(town.draft, '', wang.authorization)
    expect(own.statusCode).toBe(200)
    expect(own.json().deal).toMatchObject({ status: 'draft', count: 0, nextTier: { threshold: 3, remaining: 3 } })
  })

  it('a cancelled deal can still be read by its link, with no next tier to chase', async () => {
    const res = await detail(town.cancelled)
    expect(res.statusCode).toBe(200)
    expect(res.json().deal).toMatchObject({ status: 'cancelled', nextTier: null })
  })

  it('a deal past its cutoff is never shown open: reading it settles it first', async () => {
    const res = await detail(town.lapsed)
    expect(res.statusCode).toBe(200)
    const { deal } = res.json() as { deal: DealDetail }
    // one paid person of a minimum of two: the deal failed and her money goes back
    expect(deal.status).toBe('failed')
    expect(deal.nextTier).toBeNull()
    const order = await t.ctx.db.selectFrom('orders').select('status').where('deal_id', '=', town.lapsed).executeTakeFirstOrThrow()
    expect(order.status).toBe('refunded')
  })

  it('when the clock passes a cutoff, the list drops the deal and the detail shows it settled', async () => {
    t.clock.advance(7 * HOUR)
    try {
      expect((await list()).deals.map((d) => d.id)).toEqual([town.greensLi, town.eggs])
      const { deal } = (await detail(town.peaches)).json() as { deal: DealDetail }
      // three paid people, a minimum of two: succeeded at ¥9.90
      expect(deal).toMatchObject({ status: 'succeeded', currentUnitPriceFen: 990, nextTier: null })
    } finally {
      t.clock.advance(-7 * HOUR)
    }
  })

  it('an unknown id is a 404 and bad query input a 400, in the contract shape', async () => {
    const missing = await detail('no-such-deal')
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.code).toBe('NOT_FOUND')
    for (const query of ['?lat=999&lng=1', '?lat=30', `?invite=${'x'.repeat(65)}`]) {
      const res = await detail(town.eggs, query)
      expect(res.statusCode).toBe(400)
      expect(res.json()).toEqual({ error: { code: 'VALIDATION_FAILED', message: expect.any(String) } })
    }
    const long = await detail('x'.repeat(65))
    expect(long.statusCode).toBe(400)
  })

  it('reads change nothing: the counters are the same after all of the above', async () => {
    const eggs = await t.ctx.db
      .selectFrom('deals')
      .select(['active_units', 'participant_count'])
      .where('id', '=', town.eggs)
      .executeTakeFirstOrThrow()
    expect(eggs).toEqual({ active_units: 8, participant_count: 2 })
  })
})

describe('the OpenAPI description', () => {
  it("is served at /api/docs and describes the public reads and the leader's points", async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs' })
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/deals',
        '/api/v1/deals/{id}',
        '/api/v1/pickup-points',
        '/api/v1/leader/pickup-points',
        '/api/v1/leader/pickup-points/{id}',
      ]),
    )
    const dealSchema = doc.paths['/api/v1/deals/{id}'].get.responses['200'].content['application/json'].schema
    expect(Object.keys(dealSchema.properties.deal.properties)).toEqual(
      expect.arrayContaining(['currentUnitPriceFen', 'nextTier', 'pickupPoints', 'inviter']),
    )
  })
})

import type { PickupPoint, PickupPointInput } from '../../types/api'
import { login, startTestApp, type TestApp } from './helpers'

// a fresh migrated PostgreSQL schema can take seconds to build on a busy machine
jest.setTimeout(30_000)

let t: TestApp
let wang: { authorization: string; userId: string }
let li: { authorization: string; userId: string }
let shopper: { authorization: string; userId: string }

const wangShop: PickupPointInput = {
  name: '王姐便利店（胜利西路店）',
  address: '安吉县递铺街道胜利西路38号',
  lat: 30.6386,
  lng: 119.6758,
  hours: '07:00-22:00',
  contact: '13857210001',
}
const liHome: PickupPointInput = {
  name: '李妈妈家（桃园小区3幢）',
  address: '安吉县递铺街道桃园小区3幢1单元',
  lat: 30.6309,
  lng: 119.6874,
  hours: '09:00-20:00',
  contact: '13957220002',
}

beforeAll(async () => {
  t = await startTestApp()
  wang = await login(t.app, 'wang-store', 'leader', '王姐便利店')
  li = await login(t.app, 'li-mama', 'leader', '李妈妈')
  shopper = await login(t.app, 'xiaomei', 'shopper', '小梅')
})
afterAll(() => t.close())

const post = (authorization: string | undefined, payload: unknown) =>
  t.app.inject({ method: 'POST', url: '/api/v1/leader/pickup-points', headers: authorization ? { authorization } : {}, payload: payload as object })
const patch = (authorization: string, id: string, payload: unknown) =>
  t.app.inject({ method: 'PATCH', url: `/api/v1/leader/pickup-points/${id}`, headers: { authorization }, payload: payload as object })
const rows = () => t.ctx.db.selectFrom('pickup_points').selectAll().orderBy('id').execute()

describe('a leader sets up her pickup points', () => {
  let wangPointId: string

  it('王姐 adds her shop as a pickup point and sees it in her own list', async () => {
    const res = await post(wang.authorization, wangShop)
    expect(res.statusCode).toBe(201)
    const point = res.json() as PickupPoint
    expect(point).toEqual({ id: expect.any(String), leaderId: wang.userId, ...wangShop })
    wangPointId = point.id

    const own = await t.app.inject({ method: 'GET', url: '/api/v1/leader/pickup-points', headers: { authorization: wang.authorization } })
    expect(own.statusCode).toBe(200)
    expect(own.json()).toEqual({ pickupPoints: [point] })
  })

  it('李妈妈 adds hers (text is trimmed); each leader lists only her own', async () => {
    t.clock.advance(60_000)
    const res = await post(li.authorization, { ...liHome, name: `  ${liHome.name}  ` })
    expect(res.statusCode).toBe(201)
    expect(res.json().name).toBe(liHome.name)
    const own = await t.app.inject({ method: 'GET', url: '/api/v1/leader/pickup-points', headers: { authorization: li.authorization } })
    expect(own.json().pickupPoints.map((p: PickupPoint) => p.name)).toEqual([liHome.name])
  })

  it('she moves her opening hours and phone; the rest stays', async () => {
    const res = await patch(wang.authorization, wangPointId, { hours: '06:30-22:30', contact: '0572-5123401' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ id: wangPointId, leaderId: wang.userId, ...wangShop, hours: '06:30-22:30', contact: '0572-5123401' })
  })

  it("another leader's point answers 404 and is not changed", async () => {
    const before = await rows()
    const res = await patch(li.authorization, wangPointId, { name: '李妈妈占用' })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: '自提点不存在' } })
    expect(await rows()).toEqual(before)
    expect((await patch(wang.authorization, 'no-such-point', { name: 'x' })).statusCode).toBe(404)
  })

  it.each([
    ['an empty patch', {}],
    ['a blank name', { name: '   ' }],
    ['latitude 91', { lat: 91 }],
    ['latitude as text', { lat: '30.6' }],
    ['latitude null', { lat: null }],
    ['hours that close before they open', { hours: '21:00-08:00' }],
    ['hours in another format', { hours: '8点到9点' }],
    ['an unknown field', { leaderId: 'someone-else' }],
    ['a 31-character name', { name: '店'.repeat(31) }],
  ])('a patch with %s is a 400 and changes nothing', async (_what, body) => {
    const before = await rows()
    const res = await patch(wang.authorization, wangPointId, body)
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ error: { code: 'VALIDATION_FAILED', message: expect.any(String) } })
    expect(await rows()).toEqual(before)
  })

  it.each([
    ['no address', (({ address: _a, ...rest }) => rest)(wangShop)],
    ['latitude 999', { ...wangShop, lat: 999 }],
    ['longitude -181', { ...wangShop, lng: -181 }],
    ['latitude null', { ...wangShop, lat: null }],
    ['latitude as a boolean', { ...wangShop, lat: true }],
    ['hours "8-21"', { ...wangShop, hours: '8-21' }],
    ['hours "25:00-26:00"', { ...wangShop, hours: '25:00-26:00' }],
    ['a blank contact', { ...wangShop, contact: ' ' }],
    ['a 101-character address', { ...wangShop, address: '路'.repeat(101) }],
    ['an extra field', { ...wangShop, leaderId: 'someone-else' }],
  ])('a new point with %s is a 400 and adds nothing', async (_what, body) => {
    const before = await rows()
    const res = await post(wang.authorization, body)
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ error: { code: 'VALIDATION_FAILED', message: expect.any(String) } })
    expect(await rows()).toEqual(before)
  })

  it('a shopper cannot add a point (403), nor can a stranger (401)', async () => {
    const before = await rows()
    const asShopper = await post(shopper.authorization, wangShop)
    expect(asShopper.statusCode).toBe(403)
    expect(asShopper.json()).toEqual({ error: { code: 'FORBIDDEN', message: '仅团长可用' } })
    expect((await post(undefined, wangShop)).statusCode).toBe(401)
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/leader/pickup-points', headers: { authorization: shopper.authorization } })
    expect(list.statusCode).toBe(403)
    expect(await rows()).toEqual(before)
  })
})

describe('a shopper looks for a pickup point', () => {
  it('sees every point, nearest first with distances, when she shares where she is', async () => {
    // standing by 桃园小区
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/pickup-points?lat=30.6310&lng=119.6870' })
    expect(res.statusCode).toBe(200)
    const { pickupPoints } = res.json() as { pickupPoints: PickupPoint[] }
    expect(pickupPoints.map((p) => p.name)).toEqual([liHome.name, wangShop.name])
    expect(pickupPoints[0].distanceM).toBeLessThan(100)
    expect(pickupPoints[1].distanceM).toBeGreaterThan(1000)
  })

  it('without a location: the points in the order they were added, without distances', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/pickup-points' })
    const { pickupPoints } = res.json() as { pickupPoints: PickupPoint[] }
    expect(pickupPoints.map((p) => p.name)).toEqual([wangShop.name, liHome.name])
    expect(pickupPoints.every((p) => p.distanceM === undefined)).toBe(true)
  })

  it.each(['lat=abc&lng=119.68', 'lat=999&lng=119.68', 'lat=30.63', 'lng=119.68', 'lat=1&lat=2&lng=3'])(
    '?%s is a 400 VALIDATION_FAILED',
    async (query) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/pickup-points?${query}` })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toEqual({ error: { code: 'VALIDATION_FAILED', message: expect.any(String) } })
    },
  )
})

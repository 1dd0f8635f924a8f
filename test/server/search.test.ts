import type { DealSummary } from '../../types/api'
import { call, dealInput, openDeal, person, type Auth } from './engine-api'
import { startTestApp, type TestApp } from './helpers'

/**
 * A shopper on home types a product name and taps a category chip: the server narrows the open
 * deals to those, nearest first, one page at a time.
 */
jest.setTimeout(60_000)

let t: TestApp
const HERE = { lat: 30.63, lng: 119.68 }
let leader: Auth
let near: string
let far: string

async function pointAt(km: number): Promise<string> {
  const res = await call(t.app, leader, 'POST', '/leader/pickup-points', {
    name: `${km} km 店`,
    address: '递铺镇',
    lat: HERE.lat + km / 111.2,
    lng: HERE.lng,
    hours: '08:00-21:00',
    contact: '13800000000',
  })
  return (res.body.pickupPoint ?? res.body).id
}

async function deal(point: string, title: string, name: string, category: string): Promise<string> {
  return openDeal(t.app, leader, dealInput(t.clock.now(), [point], { title, product: { name, spec: '1份', description: '', images: [], category } }))
}

async function list(params: Record<string, string | number>): Promise<DealSummary[]> {
  const res = await call(t.app, null, 'GET', `/deals?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`)
  expect(res.status).toBe(200)
  return res.body.deals
}

const titles = (deals: DealSummary[]) => deals.map((d) => d.title).sort()

beforeAll(async () => {
  t = await startTestApp()
  leader = await person(t.app, '王团长', 'leader')
  near = await pointAt(0.5)
  far = await pointAt(12)
  await deal(near, '丹东草莓 现摘', '红颜草莓', '水果')
  await deal(far, '奶油草莓 大果', 'Strawberry Cream', '水果')
  await deal(near, '土鸡蛋 30枚', '散养土鸡蛋', '禽蛋')
  await deal(near, '本地青菜', '上海青', '蔬菜')
  await deal(far, '100%纯果汁', '橙汁', '饮品')
  await deal(far, '1000纯净水', '纯净水', '饮品')
})
afterAll(() => t.close())

describe('searching the open deals by name', () => {
  it('finds a word in the title or the product name', async () => {
    expect(titles(await list({ q: '草莓' }))).toEqual(['丹东草莓 现摘', '奶油草莓 大果'])
    expect(titles(await list({ q: '上海青' }))).toEqual(['本地青菜'])
  })

  it('ignores case and the spaces around the words', async () => {
    expect(titles(await list({ q: '  strawberry  ' }))).toEqual(['奶油草莓 大果'])
    expect(titles(await list({ q: 'CREAM' }))).toEqual(['奶油草莓 大果'])
  })

  it('takes a % or _ in the words literally', async () => {
    expect(titles(await list({ q: '100%' }))).toEqual(['100%纯果汁'])
    expect(await list({ q: '%' })).toHaveLength(1)
    expect(await list({ q: '_' })).toHaveLength(0)
  })

  it('answers an empty list when nothing matches', async () => {
    expect(await list({ q: '榴莲' })).toEqual([])
  })

  it('refuses words that are only spaces, or too long, in words the app knows', async () => {
    const blank = await call(t.app, null, 'GET', '/deals?q=%20%20')
    expect(blank.status).toBe(400)
    expect(blank.body.error.code).toBe('SEARCH_EMPTY')
    const long = await call(t.app, null, 'GET', `/deals?q=${encodeURIComponent('草'.repeat(41))}`)
    expect(long.status).toBe(400)
    expect(long.body.error).toMatchObject({ code: 'SEARCH_TOO_LONG', params: { max: 40 } })
    expect((await list({ q: '草'.repeat(40) })).length).toBe(0)
  })
})

describe('categories', () => {
  it('lists the categories of open deals with their counts, the fullest first', async () => {
    const res = await call(t.app, null, 'GET', '/deals/categories')
    expect(res.status).toBe(200)
    const categories: { category: string; count: number }[] = res.body.categories
    // (ties are in the database's own text order, which SQLite and PostgreSQL need not share)
    expect(categories.map((c) => c.count)).toEqual([2, 2, 1, 1])
    expect(
      categories
        .slice(0, 2)
        .map((c) => c.category)
        .sort(),
    ).toEqual(['水果', '饮品'].sort())
    expect(
      categories
        .slice(2)
        .map((c) => c.category)
        .sort(),
    ).toEqual(['禽蛋', '蔬菜'].sort())
  })

  it("a chip keeps only that category's deals, and goes with the words", async () => {
    expect(titles(await list({ category: '禽蛋' }))).toEqual(['土鸡蛋 30枚'])
    expect(titles(await list({ category: '水果', q: '丹东' }))).toEqual(['丹东草莓 现摘'])
    expect(await list({ category: '蔬菜', q: '草莓' })).toEqual([])
    expect(await list({ category: '不存在' })).toEqual([])
  })
})

describe('a search near the shopper, a page at a time', () => {
  it('puts the nearest match first', async () => {
    const found = await list({ q: '草莓', lat: HERE.lat, lng: HERE.lng })
    expect(found.map((d) => d.title)).toEqual(['丹东草莓 现摘', '奶油草莓 大果'])
    expect(found[0].nearestPickupPoint?.id).toBe(near)
    expect(found[1].nearestPickupPoint?.id).toBe(far)
  })

  it('pages through the matches, nearby or not, without showing one twice', async () => {
    for (const where of [{}, { lat: HERE.lat, lng: HERE.lng }] as Record<string, number>[]) {
      const first = await list({ q: '纯', limit: 1, ...where })
      const second = await list({ q: '纯', limit: 1, offset: 1, ...where })
      const third = await list({ q: '纯', limit: 1, offset: 2, ...where })
      expect(first).toHaveLength(1)
      expect(titles([...first, ...second])).toEqual(titles(await list({ q: '纯', ...where })))
      expect(third).toEqual([])
    }
    const nearbyFruit = await list({ category: '水果', lat: HERE.lat, lng: HERE.lng, limit: 1, offset: 1 })
    expect(nearbyFruit.map((d) => d.title)).toEqual(['奶油草莓 大果'])
  })
})

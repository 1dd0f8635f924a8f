import type { DealSummary } from '../../types/api'
import { call, dealInput, openDeal, person, type Auth } from './engine-api'
import { startTestApp, type TestApp } from './helpers'

/**
 * A town with many open deals: the home screen gets one page at a time, nearest first, and a
 * shopper far from every point still sees the town's deals.
 */
jest.setTimeout(60_000)

let t: TestApp
// 安吉 递铺: the shopper stands here
const HERE = { lat: 30.63, lng: 119.68 }
/** points due north of HERE at these distances (1 degree of latitude ~ 111.2 km) */
const DISTANCES_KM = [0.4, 2.5, 8, 30, 140]

async function pointAt(leader: Auth, km: number): Promise<string> {
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

const list = async (query: string): Promise<DealSummary[]> => {
  const res = await call(t.app, null, 'GET', `/deals${query}`)
  expect(res.status).toBe(200)
  return res.body.deals
}

let byKm: Map<number, string[]>
/** how far the deal's nearest point is from where the list was asked */
const metres = (d: DealSummary) => d.nearestPickupPoint?.distanceM ?? Number.NaN

beforeAll(async () => {
  t = await startTestApp()
  byKm = new Map()
  for (const km of DISTANCES_KM) {
    const leader = await person(t.app, `团长${km}`, 'leader')
    const point = await pointAt(leader, km)
    const ids: string[] = []
    // 14 deals per point: 70 in all, more than a page
    for (let i = 0; i < 14; i++) ids.push(await openDeal(t.app, leader, dealInput(t.clock.now(), [point], { title: `${km}km 第${i}团` })))
    byKm.set(km, ids)
  }
})
afterAll(() => t.close())

describe('nearby deals in a town with many', () => {
  it('answers a page of 20 unless asked for more, nearest first, and the next page with the rest', async () => {
    expect(await list(`?lat=${HERE.lat}&lng=${HERE.lng}`)).toHaveLength(20)
    const first = await list(`?lat=${HERE.lat}&lng=${HERE.lng}&limit=60`)
    expect(first).toHaveLength(60)
    const distances = first.map((d) => metres(d))
    expect(distances).toEqual([...distances].sort((a, b) => a - b))
    expect(
      first
        .slice(0, 14)
        .map((d) => d.id)
        .sort(),
    ).toEqual([...byKm.get(0.4)!].sort())

    const second = await list(`?lat=${HERE.lat}&lng=${HERE.lng}&offset=60&limit=60`)
    expect(second).toHaveLength(10)
    // the farthest point's deals come last, and nothing is shown twice
    expect(second.every((d) => metres(d) > 100_000)).toBe(true)
    expect(new Set([...first, ...second].map((d) => d.id)).size).toBe(70)
  })

  it('a small page asks only for what it shows', async () => {
    const three = await list(`?lat=${HERE.lat}&lng=${HERE.lng}&limit=3`)
    expect(three).toHaveLength(3)
    for (const d of three) expect(Math.abs(metres(d) - 400)).toBeLessThan(5)
    expect(three.every((d) => byKm.get(0.4)!.includes(d.id))).toBe(true)
  })

  it('a shopper 500 km away still sees the town, nearest first', async () => {
    const far = await list(`?lat=${HERE.lat - 4.5}&lng=${HERE.lng}&limit=20`)
    expect(far).toHaveLength(20)
    expect(far.every((d) => byKm.get(0.4)!.includes(d.id) || byKm.get(2.5)!.includes(d.id))).toBe(true)
  })

  it('without a location: soonest cutoff first, paged the same way', async () => {
    const all = [...(await list('?limit=60')), ...(await list('?offset=60&limit=60'))]
    expect(all).toHaveLength(70)
    const cutoffs = all.map((d) => d.cutoffAt)
    expect(cutoffs).toEqual([...cutoffs].sort())
  })

  it('refuses a page size it would not answer', async () => {
    for (const q of ['?limit=0', '?limit=500', '?offset=-1', '?limit=abc']) {
      const res = await call(t.app, null, 'GET', `/deals${q}`)
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBeTruthy()
    }
  })
})

import fc from 'fast-check'
import { haversineM, type LatLng } from '@/domain'
import { nearestNeighbour, pathLengthM, planRoute } from '@/domain/route'

// a town's worth of points (about 11 km across), and a few on one street
const point = fc.record({ lat: fc.double({ min: 30.2, max: 30.3, noNaN: true }), lng: fc.double({ min: 120.1, max: 120.2, noNaN: true }) })
const town = (max: number) => fc.tuple(point, fc.array(point, { minLength: 0, maxLength: max }))

function permutations(n: number): number[][] {
  if (n === 0) return [[]]
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, k) => [...p.slice(0, k), n - 1, ...p.slice(k)]))
}

const bruteForceM = (depot: LatLng, stops: LatLng[]) => Math.min(...permutations(stops.length).map((p) => pathLengthM(depot, stops, p)))

describe('planRoute: nearest neighbour then 2-opt (and Or-opt), an open path from the depot', () => {
  it('visits every stop once, and its legs add up to the total', () => {
    fc.assert(
      fc.property(town(12), ([depot, stops]) => {
        const route = planRoute(depot, stops)
        expect([...route.order].sort((a, b) => a - b)).toEqual(stops.map((_, i) => i))
        expect(route.legsM).toHaveLength(stops.length)
        expect(route.legsM.reduce((a, b) => a + b, 0)).toBe(route.totalM)
        expect(route.totalM).toBe(pathLengthM(depot, stops, route.order))
        // the first leg starts at the depot; no leg back to it (the van does not return)
        if (stops.length > 0) expect(route.legsM[0]).toBe(haversineM(depot, stops[route.order[0]]))
      }),
    )
  })

  it('is never longer than nearest neighbour, and never shorter than the best route (brute force, up to 7 stops)', () => {
    fc.assert(
      fc.property(town(7), ([depot, stops]) => {
        const route = planRoute(depot, stops)
        expect(route.totalM).toBeLessThanOrEqual(pathLengthM(depot, stops, nearestNeighbour(depot, stops)))
        expect(route.totalM).toBeGreaterThanOrEqual(bruteForceM(depot, stops))
      }),
      { numRuns: 150 },
    )
  })

  it('is a 2-opt local optimum: no reversal of a stretch of it is shorter', () => {
    fc.assert(
      fc.property(town(9), ([depot, stops]) => {
        const { order, totalM } = planRoute(depot, stops)
        for (let i = 0; i < order.length; i++)
          for (let j = i + 1; j < order.length; j++) {
            const flipped = [...order.slice(0, i), ...order.slice(i, j + 1).reverse(), ...order.slice(j + 1)]
            expect(pathLengthM(depot, stops, flipped)).toBeGreaterThanOrEqual(totalM)
          }
      }),
    )
  })

  it('is the shortest route of all for up to three stops', () => {
    fc.assert(
      fc.property(town(3), ([depot, stops]) => {
        expect(planRoute(depot, stops).totalM).toBe(bruteForceM(depot, stops))
      }),
      { numRuns: 500 },
    )
  })

  it('is the shortest route for four stops almost always (a heuristic: measured over many towns)', () => {
    const samples = fc.sample(fc.tuple(point, fc.array(point, { minLength: 4, maxLength: 4 })), { numRuns: 400, seed: 18 })
    const best = samples.filter(([depot, stops]) => planRoute(depot, stops).totalM === bruteForceM(depot, stops)).length
    expect(best / samples.length).toBeGreaterThan(0.97)
  })

  it('is deterministic', () => {
    fc.assert(fc.property(town(10), ([depot, stops]) => expect(planRoute(depot, stops)).toEqual(planRoute(depot, stops))))
  })

  it('drives down a street in order, however the stops are listed', () => {
    const depot = { lat: 30.25, lng: 120.1 }
    const street = [0.01, 0.02, 0.03, 0.04].map((d) => ({ lat: 30.25, lng: 120.1 + d }))
    const route = planRoute(depot, [street[2], street[0], street[3], street[1]])
    expect(route.order).toEqual([1, 3, 0, 2])
    // four legs of the same length (about 960 m each at this latitude), no way back
    expect(route.legsM.every((m) => Math.abs(m - route.legsM[0]) <= 1)).toBe(true)
    // (whole metres a leg, and a parallel is not quite a great circle: within a few metres of the far end)
    expect(Math.abs(route.totalM - haversineM(depot, street[3]))).toBeLessThanOrEqual(4)
  })

  it('has nothing to drive with no stops, and one leg with one', () => {
    const depot = { lat: 30.25, lng: 120.1 }
    expect(planRoute(depot, [])).toEqual({ order: [], legsM: [], totalM: 0 })
    const stop = { lat: 30.26, lng: 120.1 }
    expect(planRoute(depot, [stop])).toEqual({ order: [0], legsM: [haversineM(depot, stop)], totalM: haversineM(depot, stop) })
  })
})

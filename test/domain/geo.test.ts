import fc from 'fast-check'
import { boundingBox, formatDistance, haversineM, isValidLatLng, sortByDistance, type LatLng } from '@/domain'

const R = 6_371_008.8
const metresPerDegree = (R * Math.PI) / 180 // ≈ 111 195 m along a meridian

const peoplesSquare = { lat: 31.2304, lng: 121.4737 } // 上海 人民广场
const tiananmen = { lat: 39.9087, lng: 116.3975 } // 北京 天安门

const point = fc.record({
  lat: fc.double({ min: -89, max: 89, noNaN: true }),
  lng: fc.double({ min: -180, max: 180, noNaN: true }),
})

describe('how far is the pickup point?', () => {
  it('two points 1 km apart along a meridian are 1000 m apart, give or take a few metres', () => {
    const north = { lat: peoplesSquare.lat + 1000 / metresPerDegree, lng: peoplesSquare.lng }
    expect(Math.abs(haversineM(peoplesSquare, north) - 1000)).toBeLessThanOrEqual(3)
  })

  it('one degree of longitude on the equator is about 111 km', () => {
    expect(Math.abs(haversineM({ lat: 0, lng: 0 }, { lat: 0, lng: 1 }) - 111_195)).toBeLessThanOrEqual(2)
  })

  it('Shanghai People’s Square to Tiananmen is about 1 067 km', () => {
    const d = haversineM(peoplesSquare, tiananmen)
    expect(d).toBeGreaterThan(1_060_000)
    expect(d).toBeLessThan(1_075_000)
  })

  it('pole to pole is half the Earth’s circumference', () => {
    expect(haversineM({ lat: 90, lng: 0 }, { lat: -90, lng: 0 })).toBe(Math.round(Math.PI * R))
    expect(haversineM({ lat: 0, lng: 0 }, { lat: 0, lng: 180 })).toBe(Math.round(Math.PI * R))
  })

  it('a point is 0 m from itself', () => {
    expect(haversineM(peoplesSquare, peoplesSquare)).toBe(0)
  })

  it('is whole metres, symmetric, zero to itself, never beyond half the globe, and obeys the triangle inequality (property)', () => {
    fc.assert(
      fc.property(point, point, point, (a, b, c) => {
        const ab = haversineM(a, b)
        expect(Number.isInteger(ab)).toBe(true)
        expect(ab).toBe(haversineM(b, a))
        expect(haversineM(a, a)).toBe(0)
        expect(ab).toBeGreaterThanOrEqual(0)
        expect(ab).toBeLessThanOrEqual(Math.round(Math.PI * R))
        expect(ab).toBeLessThanOrEqual(haversineM(a, c) + haversineM(c, b) + 1) // +1: each is rounded
      }),
    )
  })

  it('lists pickup points nearest first, each with its distance, leaving the input alone', () => {
    const points = [
      { id: 'far', lat: peoplesSquare.lat + 0.05, lng: peoplesSquare.lng },
      { id: 'near', lat: peoplesSquare.lat + 0.001, lng: peoplesSquare.lng },
      { id: 'mid', lat: peoplesSquare.lat, lng: peoplesSquare.lng + 0.01 },
    ]
    const before = JSON.stringify(points)
    const sorted = sortByDistance(points, peoplesSquare)
    expect(sorted.map((p) => p.id)).toEqual(['near', 'mid', 'far'])
    expect(sorted[0]).toEqual({ ...points[1], distanceM: haversineM(peoplesSquare, points[1]) })
    expect(sorted[0].distanceM).toBeGreaterThan(100)
    expect(sorted[0].distanceM).toBeLessThan(120)
    expect(JSON.stringify(points)).toBe(before)
    expect(sortByDistance([], peoplesSquare)).toEqual([])
  })

  it('sorted lists are ordered, complete and carry the right distances (property)', () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: 20 }), point, (points, from) => {
        const sorted = sortByDistance(points, from)
        expect(sorted).toHaveLength(points.length)
        for (let i = 1; i < sorted.length; i++) expect(sorted[i - 1].distanceM).toBeLessThanOrEqual(sorted[i].distanceM)
        for (const p of sorted) expect(p.distanceM).toBe(haversineM(from, p))
      }),
    )
  })

  it.each([
    [0, '0m'],
    [850, '850m'],
    [999, '999m'],
    [999.4, '999m'],
    [999.6, '1.0km'],
    [1000, '1.0km'],
    [1200, '1.2km'],
    [1234, '1.2km'],
    [1250, '1.3km'],
    [1950, '2.0km'],
    [12_345, '12.3km'],
  ])('formatDistance(%p) is %p', (m, shown) => {
    expect(formatDistance(m)).toBe(shown)
  })

  it('a longer distance never reads shorter (property)', () => {
    const parse = (s: string) => (s.endsWith('km') ? parseFloat(s) * 1000 : parseFloat(s))
    fc.assert(
      fc.property(fc.double({ min: 0, max: 500_000, noNaN: true }), fc.double({ min: 0, max: 500_000, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a]
        expect(parse(formatDistance(lo))).toBeLessThanOrEqual(parse(formatDistance(hi)))
      }),
    )
  })

  it.each<[unknown, unknown, boolean]>([
    [31.2304, 121.4737, true],
    [0, 0, true],
    [90, 180, true],
    [-90, -180, true],
    [90.0001, 0, false],
    [0, -180.0001, false],
    [NaN, 0, false],
    [0, Infinity, false],
    ['31.2', 121.4, false],
    [null, 121.4, false],
    [31.2, undefined, false],
  ])('isValidLatLng(%p, %p) is %p', (lat, lng, valid) => {
    expect(isValidLatLng({ lat, lng })).toBe(valid)
  })

  it('a valid point narrows the type', () => {
    const p: { lat: unknown; lng: unknown } = { lat: 1, lng: 2 }
    if (isValidLatLng(p)) {
      const ll: LatLng = p
      expect(ll.lat + ll.lng).toBe(3)
    } else {
      throw new Error('expected a valid point')
    }
  })
})

describe('boundingBox', () => {
  it('holds every point within the radius (so an index search never misses a near point)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -85, max: 85, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.integer({ min: 100, max: 200_000 }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (lat, lng, radiusM, bearing, share) => {
          const box = boundingBox({ lat, lng }, radiusM)
          // a point at `share` of the radius in direction `bearing`
          const d = (radiusM * share) / R
          const lat1 = (lat * Math.PI) / 180
          const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(bearing))
          const lng2 =
            (lng * Math.PI) / 180 + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2))
          const p = { lat: (lat2 * 180) / Math.PI, lng: (((lng2 * 180) / Math.PI + 540) % 360) - 180 }
          if (haversineM({ lat, lng }, p) > radiusM) return
          expect(p.lat).toBeGreaterThanOrEqual(box.minLat - 1e-9)
          expect(p.lat).toBeLessThanOrEqual(box.maxLat + 1e-9)
          expect(p.lng).toBeGreaterThanOrEqual(box.minLng - 1e-9)
          expect(p.lng).toBeLessThanOrEqual(box.maxLng + 1e-9)
        },
      ),
    )
  })
  it('is about 0.09 degrees of latitude for 10 km in 安吉', () => {
    const box = boundingBox({ lat: 30.63, lng: 119.68 }, 10_000)
    expect(box.maxLat - box.minLat).toBeCloseTo(0.18, 2)
    expect(box.maxLng - box.minLng).toBeCloseTo(0.209, 2)
  })
})

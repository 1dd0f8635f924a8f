export interface LatLng {
  lat: number
  lng: number
}

const EARTH_RADIUS_M = 6_371_008.8

/** Great-circle distance in whole metres. */
export function haversineM(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))))
}

/** Nearest first, each with its distance. */
export function sortByDistance<T extends LatLng>(items: T[], from: LatLng): (T & { distanceM: number })[] {
  return items.map((item) => ({ ...item, distanceM: haversineM(from, item) })).sort((x, y) => x.distanceM - y.distanceM)
}

/** 850 -> "850m"; 1234 -> "1.2km"; 999.6 -> "1.0km" (round first, so never "1000m") */
export function formatDistance(m: number): string {
  const metres = Math.round(m)
  // whole hundreds of metres, so 1950 is "2.0km" (toFixed alone would give 1.95 -> "1.9")
  return metres < 1000 ? `${metres}m` : `${(Math.round(metres / 100) / 10).toFixed(1)}km`
}

export function isValidLatLng(p: { lat: unknown; lng: unknown }): p is LatLng {
  return (
    typeof p.lat === 'number' &&
    typeof p.lng === 'number' &&
    Number.isFinite(p.lat) &&
    Number.isFinite(p.lng) &&
    Math.abs(p.lat) <= 90 &&
    Math.abs(p.lng) <= 180
  )
}

export interface Box {
  minLat: number
  maxLat: number
  minLng: number
  maxLng: number
}

/**
 * The latitude/longitude box holding every point within `radiusM` of `center` (a little more, at
 * its corners): what an index on lat/lng can narrow a search to before distances are measured.
 * Near the poles or across the antimeridian it widens to every longitude rather than be wrong.
 */
export function boundingBox(center: LatLng, radiusM: number): Box {
  const dLat = (radiusM / EARTH_RADIUS_M) * (180 / Math.PI)
  const cos = Math.cos((center.lat * Math.PI) / 180)
  const dLng = cos > 1e-6 ? dLat / cos : 360
  const wraps = center.lng - dLng < -180 || center.lng + dLng > 180 || dLng >= 180
  return {
    minLat: Math.max(-90, center.lat - dLat),
    maxLat: Math.min(90, center.lat + dLat),
    minLng: wraps ? -180 : center.lng - dLng,
    maxLng: wraps ? 180 : center.lng + dLng,
  }
}

// a browser's fix (WGS-84) moved onto the maps used in China (GCJ-02), which is what
// WeChat gives and what the pickup points are stored in. Outside China the two are the same.
const GCJ_A = 6378245.0
const GCJ_EE = 0.00669342162296594323

function outOfChina(p: LatLng): boolean {
  return p.lng < 72.004 || p.lng > 137.8347 || p.lat < 0.8293 || p.lat > 55.8271
}

function shiftLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0
  return r
}

function shiftLng(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0
  return r
}

/** WGS-84 (GPS, a browser) to GCJ-02 (WeChat, Chinese web maps); unchanged outside China. */
export function wgs84ToGcj02(p: LatLng): LatLng {
  if (outOfChina(p)) return { lat: p.lat, lng: p.lng }
  let dLat = shiftLat(p.lng - 105.0, p.lat - 35.0)
  let dLng = shiftLng(p.lng - 105.0, p.lat - 35.0)
  const radLat = (p.lat / 180.0) * Math.PI
  let magic = Math.sin(radLat)
  magic = 1 - GCJ_EE * magic * magic
  const sqrtMagic = Math.sqrt(magic)
  dLat = (dLat * 180.0) / (((GCJ_A * (1 - GCJ_EE)) / (magic * sqrtMagic)) * Math.PI)
  dLng = (dLng * 180.0) / ((GCJ_A / sqrtMagic) * Math.cos(radLat) * Math.PI)
  return { lat: p.lat + dLat, lng: p.lng + dLng }
}

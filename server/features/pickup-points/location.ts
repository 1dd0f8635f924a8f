import { isValidLatLng, type LatLng } from '../../../src/domain'
import { badRequest } from '../../http/errors'

/**
 * `?lat=&lng=` in decimal degrees. Taken as text and parsed here, because Ajv's number coercion
 * lets "Infinity" through as null and " " through as 0 — a shopper near (0, 0) is not a location.
 */
const DEGREES = /^-?\d{1,3}(\.\d{1,15})?$/
const degrees = { type: 'string', maxLength: 32, examples: ['30.6386'] } as const

export const locationQuerySchema = {
  lat: { ...degrees, description: '纬度 latitude in decimal degrees (-90..90); give with lng' },
  lng: { ...degrees, description: '经度 longitude in decimal degrees (-180..180); give with lat' },
} as const

export interface LocationQuery {
  lat?: string
  lng?: string
}

/** Both or neither: one without the other is a mistake the caller should hear about. */
export function parseLocation(query: LocationQuery): LatLng | null {
  const hasLat = query.lat !== undefined
  const hasLng = query.lng !== undefined
  if (!hasLat && !hasLng) return null
  if (hasLat !== hasLng) throw badRequest('VALIDATION_FAILED', '请求参数有误：lat 和 lng 须同时提供')
  for (const key of ['lat', 'lng'] as const) {
    if (!DEGREES.test(query[key]!)) throw badRequest('VALIDATION_FAILED', `请求参数有误：${key} 须为十进制度数，如 30.6386`)
  }
  const point = { lat: Number(query.lat), lng: Number(query.lng) }
  if (!isValidLatLng(point)) throw badRequest('VALIDATION_FAILED', '请求参数有误：lat 须在 -90..90，lng 须在 -180..180')
  return point
}

import { isValidLatLng, type LatLng } from '../../../src/domain'
import { badRequest } from '../../http/errors'
import type { Static } from 'typebox'
import type { LocationQuery as LocationQuerySchema } from '../../../types/contract'

/** `?lat=&lng=` as text (see the contract's LocationQuery: Ajv's number coercion is not trusted here). */
const DEGREES = /^-?\d{1,3}(\.\d{1,15})?$/

export type LocationQuery = Static<typeof LocationQuerySchema>

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

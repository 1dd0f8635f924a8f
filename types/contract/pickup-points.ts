import { Type } from 'typebox'

/** Longest texts a pickup point may have (characters). */
export const POINT_LIMITS = { name: 30, address: 100, contact: 30 } as const

/** One point as every route that returns points shows it. */
export const PickupPoint = Type.Object({
  id: Type.String(),
  leaderId: Type.String(),
  name: Type.String(),
  address: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  hours: Type.String({ description: 'opening hours as shown to people, e.g. "08:00-21:00"' }),
  contact: Type.String(),
  distanceM: Type.Optional(Type.Integer({ description: 'metres from the location given in the request, when one was given' })),
})

export const PickupPointListResponse = Type.Object({ pickupPoints: Type.Array(PickupPoint) })

/** A new point (leader console, leader application). */
export const PickupPointInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: POINT_LIMITS.name, description: '自提点名称' }),
    address: Type.String({ minLength: 1, maxLength: POINT_LIMITS.address }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    // one daily window, "08:00-21:00"; 24:00 may close it
    hours: Type.String({
      pattern: '^([01]\\d|2[0-3]):[0-5]\\d-(([01]\\d|2[0-3]):[0-5]\\d|24:00)$',
      description: 'opening hours, e.g. "08:00-21:00"',
    }),
    contact: Type.String({ minLength: 1, maxLength: POINT_LIMITS.contact, description: 'phone or WeChat id' }),
  },
  { additionalProperties: false },
)

/** A change to a point: any of its fields, at least one. */
export const PickupPointPatch = Type.Partial(PickupPointInput, { additionalProperties: false, minProperties: 1 })

/**
 * `?lat=&lng=` in decimal degrees, taken as text and parsed by the server (Ajv's number coercion
 * lets "Infinity" through as null and " " as 0).
 */
const degrees = (description: string) => Type.Optional(Type.String({ maxLength: 32, examples: ['30.6386'], description }))

export const LocationQuery = Type.Object({
  lat: degrees('纬度 latitude in decimal degrees (-90..90); give with lng'),
  lng: degrees('经度 longitude in decimal degrees (-180..180); give with lat'),
})

import { DealStatus, TierBasis } from '../../../types/api'
import { pickupPointSchema } from '../pickup-points/pickup-point-view'

/**
 * JSON schemas of the deal contract (types/api.ts). Used as response schemas, so they also serialise
 * the replies: a field missing here would be dropped from the JSON — keep them complete.
 */
const tierSchema = {
  type: 'object',
  required: ['threshold', 'unitPriceFen'],
  properties: {
    threshold: { type: 'integer', description: 'people or units needed (the first tier is 1)' },
    unitPriceFen: { type: 'integer', description: 'unit price in fen' },
  },
} as const

const summaryProperties = {
  id: { type: 'string' },
  status: { type: 'string', enum: Object.values(DealStatus) },
  title: { type: 'string' },
  product: {
    type: 'object',
    required: ['name', 'spec', 'description', 'images', 'category'],
    properties: {
      name: { type: 'string' },
      spec: { type: 'string', description: 'e.g. "500g/盒"' },
      description: { type: 'string' },
      images: { type: 'array', items: { type: 'string' }, description: 'URLs; seeded ones are served by this server under /static/products/' },
      category: { type: 'string' },
    },
  },
  listPriceFen: { type: 'integer' },
  tierBasis: { type: 'string', enum: Object.values(TierBasis) },
  tiers: { type: 'array', items: tierSchema },
  minToSucceed: { type: 'integer' },
  count: { type: 'integer', description: 'people with active orders (people basis) or units held (units basis)' },
  currentUnitPriceFen: { type: 'integer' },
  nextTier: {
    type: ['object', 'null'],
    required: ['threshold', 'unitPriceFen', 'remaining'],
    properties: { ...tierSchema.properties, remaining: { type: 'integer' } },
    description: 'null at the lowest price, or when the deal can no longer be joined',
  },
  stockUnits: { type: ['integer', 'null'] },
  soldUnits: { type: 'integer' },
  perUserLimit: { type: ['integer', 'null'] },
  cutoffAt: { type: 'string', format: 'date-time' },
  pickupStart: { type: 'string', format: 'date-time' },
  pickupEnd: { type: 'string', format: 'date-time' },
  leader: { type: 'object', required: ['id', 'nickname'], properties: { id: { type: 'string' }, nickname: { type: 'string' } } },
  nearestPickupPoint: { ...pickupPointSchema, type: ['object', 'null'] },
} as const

export const dealSummarySchema = {
  type: 'object',
  required: Object.keys(summaryProperties),
  properties: summaryProperties,
} as const

export const dealDetailSchema = {
  type: 'object',
  required: [...Object.keys(summaryProperties), 'pickupPoints'],
  properties: {
    ...summaryProperties,
    pickupPoints: { type: 'array', items: pickupPointSchema },
    inviter: { type: 'object', required: ['nickname'], properties: { nickname: { type: 'string' } } },
  },
} as const

export const serverNowSchema = { type: 'string', format: 'date-time', description: "the server's clock, for countdowns" } as const

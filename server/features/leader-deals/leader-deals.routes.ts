import type { FastifyInstance } from 'fastify'
import type { DealInput } from '../../../types/api'
import { currentUser, requireRole } from '../../http/auth'
import * as service from './leader-deals.service'

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const

const instant = { type: 'string', minLength: 10, maxLength: 40, format: 'date-time' } as const
const count = { type: 'integer', minimum: 1, maximum: 1_000_000 } as const

const dealProperties = {
  title: { type: 'string', minLength: 1, maxLength: 60 },
  product: {
    type: 'object',
    required: ['name', 'spec'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 40 },
      spec: { type: 'string', minLength: 1, maxLength: 40 },
      description: { type: 'string', maxLength: 1000 },
      images: { type: 'array', maxItems: 9, items: { type: 'string', minLength: 1, maxLength: 500 } },
      category: { type: 'string', maxLength: 20 },
    },
  },
  listPriceFen: { type: 'integer', minimum: 1, maximum: 100_000_000 },
  tierBasis: { type: 'string', enum: ['people', 'units'] },
  tiers: {
    type: 'array',
    minItems: 1,
    maxItems: 10,
    items: {
      type: 'object',
      required: ['threshold', 'unitPriceFen'],
      additionalProperties: false,
      properties: { threshold: count, unitPriceFen: { type: 'integer', minimum: 1, maximum: 100_000_000 } },
    },
  },
  minToSucceed: count,
  stockUnits: { anyOf: [count, { type: 'null' }] },
  perUserLimit: { anyOf: [count, { type: 'null' }] },
  cutoffAt: instant,
  pickupStart: instant,
  pickupEnd: instant,
  pickupPointIds: { type: 'array', minItems: 1, maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 64 } },
} as const

const createBody = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'product', 'listPriceFen', 'tierBasis', 'tiers', 'minToSucceed', 'cutoffAt', 'pickupStart', 'pickupEnd', 'pickupPointIds'],
  properties: dealProperties,
} as const

// an edit may change any part, the product's fields one by one too
const patchBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { ...dealProperties, product: { ...dealProperties.product, required: [] } },
} as const

const doc = (summary: string) => ({ tags: ['leader'], summary, security: [{ bearer: [] }] })

export async function leaderDealRoutes(app: FastifyInstance): Promise<void> {
  const { ctx } = app
  const leader = requireRole('leader')

  app.post<{ Body: DealInput }>('/leader/deals', { preHandler: leader, schema: { ...doc('draft a deal'), body: createBody } }, async (request, reply) =>
    reply.status(201).send({ deal: await service.createDraft(ctx, currentUser(request), request.body) }),
  )

  app.get('/leader/deals', { preHandler: leader, schema: doc('my deals, newest first') }, async (request) => ({
    deals: await service.listOwn(ctx, currentUser(request)),
  }))

  app.get<{ Params: { id: string } }>('/leader/deals/:id', { preHandler: leader, schema: { ...doc('one of my deals'), params: idParams } }, async (request) => ({
    deal: await service.getOwn(ctx, currentUser(request), request.params.id),
  }))

  app.patch<{ Params: { id: string }; Body: Partial<DealInput> }>(
    '/leader/deals/:id',
    { preHandler: leader, schema: { ...doc('edit a draft'), params: idParams, body: patchBody } },
    async (request) => ({ deal: await service.editDraft(ctx, currentUser(request), request.params.id, request.body) }),
  )

  app.post<{ Params: { id: string } }>('/leader/deals/:id/publish', { preHandler: leader, schema: { ...doc('publish a draft'), params: idParams } }, async (request) => ({
    deal: await service.publish(ctx, currentUser(request), request.params.id),
  }))

  app.post<{ Params: { id: string } }>('/leader/deals/:id/cancel', { preHandler: leader, schema: { ...doc('cancel before cutoff: full refunds'), params: idParams } }, async (request) => ({
    deal: await service.cancel(ctx, currentUser(request), request.params.id),
  }))

  app.get<{ Params: { id: string } }>('/leader/deals/:id/orders', { preHandler: leader, schema: { ...doc("the deal's orders (masked names)"), params: idParams } }, async (request) => ({
    orders: await service.ordersOf(ctx, currentUser(request), request.params.id),
  }))

  app.post<{ Params: { id: string }; Body: { pickupPointId: string } }>(
    '/leader/deals/:id/arrivals',
    {
      preHandler: leader,
      schema: {
        ...doc('到货: goods arrived at a pickup point; its confirmed orders become ready'),
        params: idParams,
        body: {
          type: 'object',
          required: ['pickupPointId'],
          additionalProperties: false,
          properties: { pickupPointId: { type: 'string', minLength: 1, maxLength: 64 } },
        },
      },
    },
    async (request) => service.markArrived(ctx, currentUser(request), request.params.id, request.body.pickupPointId),
  )
}

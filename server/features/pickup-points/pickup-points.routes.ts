import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { PickupPointInput, PickupPointListResponse } from '../../../types/api'
import { Role } from '../../../types/api'
import { badRequest } from '../../http/errors'
import { currentUser, requireRole } from '../../http/auth'
import { locationQuerySchema, parseLocation, type LocationQuery } from './location'
import { pickupPointSchema } from './pickup-point-view'
import { POINT_LIMITS } from './pickup-points.service'
import * as service from './pickup-points.service'

const pointFields = {
  name: { type: 'string', minLength: 1, maxLength: POINT_LIMITS.name, description: '自提点名称' },
  address: { type: 'string', minLength: 1, maxLength: POINT_LIMITS.address },
  lat: { type: 'number', minimum: -90, maximum: 90 },
  lng: { type: 'number', minimum: -180, maximum: 180 },
  hours: {
    type: 'string',
    // one daily window, "08:00-21:00"; 24:00 may close it
    pattern: '^([01]\\d|2[0-3]):[0-5]\\d-(([01]\\d|2[0-3]):[0-5]\\d|24:00)$',
    description: 'opening hours, e.g. "08:00-21:00"',
  },
  contact: { type: 'string', minLength: 1, maxLength: POINT_LIMITS.contact, description: 'phone or WeChat id' },
} as const

const createBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'address', 'lat', 'lng', 'hours', 'contact'],
  properties: pointFields,
} as const

const patchBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: pointFields } as const

const listResponse = {
  200: { type: 'object', required: ['pickupPoints'], properties: { pickupPoints: { type: 'array', items: pickupPointSchema } } },
} as const

/**
 * The validator coerces types (null -> 0, true -> 1), which would put a point at (0, 0); coordinates
 * in a body must be real JSON numbers.
 */
async function coordinatesAreNumbers(request: FastifyRequest): Promise<void> {
  const body = request.body as Record<string, unknown> | null
  if (!body || typeof body !== 'object') return
  for (const key of ['lat', 'lng']) {
    if (key in body && (typeof body[key] !== 'number' || !Number.isFinite(body[key]))) {
      throw badRequest('VALIDATION_FAILED', `请求参数有误：${key} 须为数字`)
    }
  }
}

export async function pickupPointRoutes(app: FastifyInstance): Promise<void> {
  const { ctx } = app

  app.get<{ Querystring: LocationQuery }>(
    '/pickup-points',
    {
      schema: {
        tags: ['pickup-points'],
        summary: '自提点列表 (nearest first when lat & lng are given)',
        querystring: { type: 'object', properties: locationQuerySchema },
        response: listResponse,
      },
    },
    async (request): Promise<PickupPointListResponse> => {
      const from = parseLocation(request.query)
      return { pickupPoints: await service.listPublic(ctx, from) }
    },
  )

  const leaderOnly = requireRole(Role.leader)

  app.get(
    '/leader/pickup-points',
    {
      preHandler: leaderOnly,
      schema: { tags: ['leader'], summary: "the leader's own pickup points", security: [{ bearer: [] }], response: listResponse },
    },
    async (request): Promise<PickupPointListResponse> => ({
      pickupPoints: await service.listOwn(ctx, currentUser(request).id),
    }),
  )

  app.post<{ Body: PickupPointInput }>(
    '/leader/pickup-points',
    {
      preHandler: leaderOnly,
      preValidation: coordinatesAreNumbers,
      schema: {
        tags: ['leader'],
        summary: 'add a pickup point',
        security: [{ bearer: [] }],
        body: createBody,
        response: { 201: pickupPointSchema },
      },
    },
    async (request, reply) => {
      const point = await service.create(ctx, currentUser(request).id, request.body)
      return reply.status(201).send(point)
    },
  )

  app.patch<{ Params: { id: string }; Body: Partial<PickupPointInput> }>(
    '/leader/pickup-points/:id',
    {
      preHandler: leaderOnly,
      preValidation: coordinatesAreNumbers,
      schema: {
        tags: ['leader'],
        summary: 'change one of your own pickup points (another leader\'s answers 404)',
        security: [{ bearer: [] }],
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 64 } } },
        body: patchBody,
        response: { 200: pickupPointSchema },
      },
    },
    async (request) => service.update(ctx, currentUser(request).id, request.params.id, request.body),
  )
}

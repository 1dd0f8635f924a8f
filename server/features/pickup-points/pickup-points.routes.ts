import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  IdParams,
  LocationQuery,
  PickupPoint,
  PickupPointInput,
  PickupPointListResponse,
  PickupPointPatch,
  replies,
  Role,
} from '../../../types/contract'
import { badRequest } from '../../http/errors'
import { currentUser, requireRole } from '../../http/auth'
import { parseLocation } from './location'
import * as service from './pickup-points.service'

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

export const pickupPointRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app

  app.get(
    '/pickup-points',
    {
      schema: {
        tags: ['pickup-points'],
        summary: '自提点列表 (nearest first when lat & lng are given)',
        querystring: LocationQuery,
        response: replies({ 200: PickupPointListResponse }),
      },
    },
    async (request) => {
      const from = parseLocation(request.query)
      return { pickupPoints: await service.listPublic(ctx, from) }
    },
  )

  const leaderOnly = requireRole(Role.leader)
  const doc = (summary: string) => ({ tags: ['leader'], summary, security: [{ bearer: [] }] })

  app.get(
    '/leader/pickup-points',
    { preHandler: leaderOnly, schema: { ...doc("the leader's own pickup points"), response: replies({ 200: PickupPointListResponse }) } },
    async (request) => ({ pickupPoints: await service.listOwn(ctx, currentUser(request).id) }),
  )

  app.post(
    '/leader/pickup-points',
    {
      preHandler: leaderOnly,
      preValidation: coordinatesAreNumbers,
      schema: { ...doc('add a pickup point'), body: PickupPointInput, response: replies({ 201: PickupPoint }) },
    },
    async (request, reply) => {
      const point = await service.create(ctx, currentUser(request).id, request.body)
      return reply.status(201).send(point)
    },
  )

  app.patch(
    '/leader/pickup-points/:id',
    {
      preHandler: leaderOnly,
      preValidation: coordinatesAreNumbers,
      schema: {
        ...doc("change one of your own pickup points (another leader's answers 404)"),
        params: IdParams,
        body: PickupPointPatch,
        response: replies({ 200: PickupPoint }),
      },
    },
    async (request) => service.update(ctx, currentUser(request).id, request.params.id, request.body),
  )
}

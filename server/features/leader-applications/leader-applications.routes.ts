import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { LeaderApplicationInput, LeaderApplicationStatus } from '../../../types/api'
import { Role } from '../../../types/api'
import { badRequest } from '../../http/errors'
import { currentUser, requireRole, requireUser } from '../../http/auth'
import { POINT_LIMITS } from '../pickup-points/pickup-points.service'
import * as service from './leader-applications.service'
import { APPLICATION_LIMITS } from './leader-applications.service'

const pointInput = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'address', 'lat', 'lng', 'hours', 'contact'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: POINT_LIMITS.name },
    address: { type: 'string', minLength: 1, maxLength: POINT_LIMITS.address },
    lat: { type: 'number', minimum: -90, maximum: 90 },
    lng: { type: 'number', minimum: -180, maximum: 180 },
    hours: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d-(([01]\\d|2[0-3]):[0-5]\\d|24:00)$' },
    contact: { type: 'string', minLength: 1, maxLength: POINT_LIMITS.contact },
  },
} as const

const applicationSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    userId: { type: 'string' },
    nickname: { type: 'string' },
    name: { type: 'string' },
    community: { type: 'string' },
    phone: { type: 'string' },
    pickupPoint: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        address: { type: 'string' },
        lat: { type: 'number' },
        lng: { type: 'number' },
        hours: { type: 'string' },
        contact: { type: 'string' },
      },
    },
    status: { type: 'string', enum: ['pending', 'approved', 'rejected'] },
    rejectReason: { type: ['string', 'null'] },
    commissionBps: { type: ['integer', 'null'] },
    pickupPointId: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    reviewedAt: { type: ['string', 'null'] },
  },
} as const

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const

/** Coordinates must be real JSON numbers: the validator's coercion would turn null into 0 (a point at sea). */
async function coordinatesAreNumbers(request: FastifyRequest): Promise<void> {
  const point = (request.body as { pickupPoint?: Record<string, unknown> } | null)?.pickupPoint
  if (!point || typeof point !== 'object') return
  for (const key of ['lat', 'lng']) {
    if (typeof point[key] !== 'number' || !Number.isFinite(point[key])) {
      throw badRequest('VALIDATION_FAILED', `请求参数有误：pickupPoint.${key} 须为数字`)
    }
  }
}

export async function leaderApplicationRoutes(app: FastifyInstance): Promise<void> {
  const { ctx } = app
  const adminOnly = requireRole(Role.admin)

  app.post<{ Body: LeaderApplicationInput }>(
    '/leader-applications',
    {
      preHandler: requireUser,
      preValidation: coordinatesAreNumbers,
      schema: {
        tags: ['leader-applications'],
        summary: '申请成为团长 (with the first pickup point)',
        security: [{ bearer: [] }],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'community', 'phone', 'pickupPoint'],
          properties: {
            name: { type: 'string', minLength: 1, maxLength: APPLICATION_LIMITS.name },
            community: { type: 'string', minLength: 1, maxLength: APPLICATION_LIMITS.community },
            phone: { type: 'string', minLength: 11, maxLength: 11 },
            pickupPoint: pointInput,
          },
        },
        response: { 201: applicationSchema },
      },
    },
    async (request, reply) => {
      const application = await service.apply(ctx, currentUser(request), request.body)
      return reply.status(201).send(application)
    },
  )

  app.get(
    '/leader-applications/mine',
    {
      preHandler: requireUser,
      schema: {
        tags: ['leader-applications'],
        summary: "the signed-in user's latest application, or null",
        security: [{ bearer: [] }],
        response: { 200: { type: 'object', properties: { application: { anyOf: [applicationSchema, { type: 'null' }] } } } },
      },
    },
    async (request) => ({ application: await service.mine(ctx, currentUser(request).id) }),
  )

  app.get<{ Querystring: { status?: LeaderApplicationStatus } }>(
    '/admin/leader-applications',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['leader-applications'],
        summary: 'applications, newest first (admin)',
        security: [{ bearer: [] }],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { status: { type: 'string', enum: ['pending', 'approved', 'rejected'] } },
        },
        response: {
          200: { type: 'object', properties: { applications: { type: 'array', items: applicationSchema } } },
        },
      },
    },
    async (request) => ({ applications: await service.list(ctx, request.query.status) }),
  )

  app.post<{ Params: { id: string }; Body: { commissionBps?: number } | undefined }>(
    '/admin/leader-applications/:id/approve',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['leader-applications'],
        summary: 'approve: the applicant becomes a leader with this commission and gets the pickup point',
        security: [{ bearer: [] }],
        params: idParams,
        body: {
          type: ['object', 'null'],
          additionalProperties: false,
          properties: { commissionBps: { type: 'integer', minimum: 0, maximum: 3000, description: '佣金 basis points' } },
        },
        response: { 200: applicationSchema },
      },
    },
    async (request) =>
      service.approve(ctx, currentUser(request).id, request.params.id, request.body?.commissionBps ?? undefined),
  )

  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    '/admin/leader-applications/:id/reject',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['leader-applications'],
        summary: 'reject with a reason the applicant will read',
        security: [{ bearer: [] }],
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['reason'],
          properties: { reason: { type: 'string', minLength: 1, maxLength: APPLICATION_LIMITS.reason } },
        },
        response: { 200: applicationSchema },
      },
    },
    async (request) => service.reject(ctx, currentUser(request).id, request.params.id, request.body.reason),
  )
}

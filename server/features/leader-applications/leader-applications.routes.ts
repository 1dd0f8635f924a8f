import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  ApproveApplicationRequest,
  IdParams,
  LeaderApplication,
  LeaderApplicationInput,
  LeaderApplicationListResponse,
  LeaderApplicationQuery,
  MyLeaderApplicationResponse,
  RejectApplicationRequest,
  replies,
  Role,
} from '../../../types/contract'
import { badRequest } from '../../http/errors'
import { currentUser, requireRole, requireUser } from '../../http/auth'
import * as service from './leader-applications.service'

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

const doc = (summary: string) => ({ tags: ['leader-applications'], summary, security: [{ bearer: [] }] })

export const leaderApplicationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const adminOnly = requireRole(Role.admin)

  app.post(
    '/leader-applications',
    {
      preHandler: requireUser,
      preValidation: coordinatesAreNumbers,
      schema: {
        ...doc('申请成为团长 (with the first pickup point)'),
        body: LeaderApplicationInput,
        response: replies({ 201: LeaderApplication }),
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
      schema: { ...doc("the signed-in user's latest application, or null"), response: replies({ 200: MyLeaderApplicationResponse }) },
    },
    async (request) => ({ application: await service.mine(ctx, currentUser(request).id) }),
  )

  app.get(
    '/admin/leader-applications',
    {
      preHandler: adminOnly,
      schema: {
        ...doc('applications, newest first (admin)'),
        querystring: LeaderApplicationQuery,
        response: replies({ 200: LeaderApplicationListResponse }),
      },
    },
    async (request) => ({ applications: await service.list(ctx, request.query.status) }),
  )

  app.post(
    '/admin/leader-applications/:id/approve',
    {
      preHandler: adminOnly,
      schema: {
        ...doc('approve: the applicant becomes a leader with this commission and gets the pickup point'),
        params: IdParams,
        body: ApproveApplicationRequest,
        response: replies({ 200: LeaderApplication }),
      },
    },
    async (request) => service.approve(ctx, currentUser(request).id, request.params.id, request.body?.commissionBps ?? undefined),
  )

  app.post(
    '/admin/leader-applications/:id/reject',
    {
      preHandler: adminOnly,
      schema: {
        ...doc('reject with a reason the applicant will read'),
        params: IdParams,
        body: RejectApplicationRequest,
        response: replies({ 200: LeaderApplication }),
      },
    },
    async (request) => service.reject(ctx, currentUser(request).id, request.params.id, request.body.reason),
  )
}

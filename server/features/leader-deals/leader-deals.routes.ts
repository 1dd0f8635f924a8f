import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  ArrivalRequest,
  ArrivalResult,
  DealInput,
  DealPatch,
  IdParams,
  LeaderDealListResponse,
  LeaderDealResponse,
  LeaderOrdersResponse,
  replies,
} from '../../../types/contract'
import { currentUser, requireRole } from '../../http/auth'
import * as service from './leader-deals.service'

const doc = (summary: string) => ({ tags: ['leader'], summary, security: [{ bearer: [] }] })

export const leaderDealRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const leader = requireRole('leader')
  const one = replies({ 200: LeaderDealResponse })

  app.post(
    '/leader/deals',
    { preHandler: leader, schema: { ...doc('draft a deal'), body: DealInput, response: replies({ 201: LeaderDealResponse }) } },
    async (request, reply) => reply.status(201).send({ deal: await service.createDraft(ctx, currentUser(request), request.body) }),
  )

  app.get(
    '/leader/deals',
    { preHandler: leader, schema: { ...doc('my deals, newest first'), response: replies({ 200: LeaderDealListResponse }) } },
    async (request) => service.listOwn(ctx, currentUser(request)),
  )

  app.get('/leader/deals/:id', { preHandler: leader, schema: { ...doc('one of my deals'), params: IdParams, response: one } }, async (request) => ({
    deal: await service.getOwn(ctx, currentUser(request), request.params.id),
  }))

  app.patch(
    '/leader/deals/:id',
    { preHandler: leader, schema: { ...doc('edit a draft'), params: IdParams, body: DealPatch, response: one } },
    async (request) => ({ deal: await service.editDraft(ctx, currentUser(request), request.params.id, request.body) }),
  )

  app.post(
    '/leader/deals/:id/publish',
    { preHandler: leader, schema: { ...doc('publish a draft'), params: IdParams, response: one } },
    async (request) => ({ deal: await service.publish(ctx, currentUser(request), request.params.id) }),
  )

  app.post(
    '/leader/deals/:id/cancel',
    { preHandler: leader, schema: { ...doc('cancel before cutoff: full refunds'), params: IdParams, response: one } },
    async (request) => ({ deal: await service.cancel(ctx, currentUser(request), request.params.id) }),
  )

  app.get(
    '/leader/deals/:id/orders',
    {
      preHandler: leader,
      schema: { ...doc("the deal's orders (masked names)"), params: IdParams, response: replies({ 200: LeaderOrdersResponse }) },
    },
    async (request) => ({ orders: await service.ordersOf(ctx, currentUser(request), request.params.id) }),
  )

  app.post(
    '/leader/deals/:id/arrivals',
    {
      preHandler: leader,
      schema: {
        ...doc('到货: goods arrived at a pickup point; its confirmed orders become ready'),
        params: IdParams,
        body: ArrivalRequest,
        response: replies({ 200: ArrivalResult }),
      },
    },
    async (request) => service.markArrived(ctx, currentUser(request), request.params.id, request.body.pickupPointId),
  )
}

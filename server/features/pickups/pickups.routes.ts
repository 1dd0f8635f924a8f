import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { PickingList, PickingListQuery, PickupCodeRequest, replies, VerifiedPickupResponse } from '../../../types/contract'
import { currentUser, requireRole } from '../../http/auth'
import * as service from './pickups.service'

const doc = (summary: string) => ({ tags: ['leader'], summary, security: [{ bearer: [] }] })

export const pickupRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const leader = requireRole('leader')

  app.post(
    '/leader/pickups/verify',
    {
      preHandler: leader,
      schema: {
        ...doc('核销: verify a pickup code or scanned QR at one of my points'),
        body: PickupCodeRequest,
        response: replies({ 200: VerifiedPickupResponse }),
      },
    },
    async (request) => service.verify(ctx, currentUser(request), request.body.code),
  )

  app.post(
    '/leader/pickups/lookup',
    {
      preHandler: leader,
      schema: {
        ...doc('the order behind a pickup code, to check before handing over (changes nothing; wrong codes count toward the limit)'),
        body: PickupCodeRequest,
        response: replies({ 200: VerifiedPickupResponse }),
      },
    },
    async (request) => service.lookup(ctx, currentUser(request), request.body.code),
  )

  app.get(
    '/leader/picking-list',
    {
      preHandler: leader,
      schema: {
        ...doc('分拣单: what to hand out on a Shanghai date, per pickup point'),
        querystring: PickingListQuery,
        response: replies({ 200: PickingList }),
      },
    },
    async (request) => service.pickingList(ctx, currentUser(request), request.query.date),
  )
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  IdParams,
  LatePickupRequest,
  PickingList,
  PickingListQuery,
  PickupCodeRequest,
  replies,
  UnclaimedActionResponse,
  UnclaimedOrdersResponse,
  VerifiedPickupResponse,
} from '../../../types/contract'
import { currentUser, requireRole, requireUser } from '../../http/auth'
import * as noShows from './no-shows'
import * as service from './pickups.service'

const doc = (summary: string) => ({ tags: ['leader'], summary, security: [{ bearer: [] }] })

export const pickupRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const leader = requireRole('leader')
  // a leader at her points, or pickup staff at theirs: the service decides (staff is a per-point grant, not a role)
  const verifier = requireUser

  app.post(
    '/leader/pickups/verify',
    {
      preHandler: verifier,
      schema: {
        ...doc('核销: verify a pickup code (own or delegated) or scanned QR at one of my points, as leader or staff'),
        body: PickupCodeRequest,
        response: replies({ 200: VerifiedPickupResponse }),
      },
    },
    async (request) => service.verify(ctx, currentUser(request), request.body.code),
  )

  app.post(
    '/leader/pickups/lookup',
    {
      preHandler: verifier,
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

  // what was never collected, and what the leader does about it
  app.get(
    '/leader/unclaimed-orders',
    {
      preHandler: leader,
      schema: {
        ...doc('未提货: orders at my points never collected by the end of the grace period'),
        response: replies({ 200: UnclaimedOrdersResponse }),
      },
    },
    async (request) => noShows.listUnclaimed(ctx, currentUser(request)),
  )

  app.post(
    '/leader/orders/:id/late-pickup',
    {
      preHandler: leader,
      schema: {
        ...doc('补登提货: hand an unclaimed order out late, with a note'),
        params: IdParams,
        body: LatePickupRequest,
        response: replies({ 200: UnclaimedActionResponse }),
      },
    },
    async (request) => noShows.pickUpLate(ctx, currentUser(request), request.params.id, request.body.note),
  )

  app.post(
    '/leader/orders/:id/no-show-refund',
    {
      preHandler: leader,
      schema: {
        ...doc('未提货退款: refund an unclaimed order in full (what is left of what was paid)'),
        params: IdParams,
        response: replies({ 200: UnclaimedActionResponse }),
      },
    },
    async (request) => noShows.refundNoShow(ctx, currentUser(request), request.params.id),
  )
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DelegationTokenParams, DelegationViewResponse, IdParams, OwnerDelegationResponse, replies } from '../../../types/contract'
import { currentUser, requireUser } from '../../http/auth'
import * as service from './delegations.service'

const doc = (summary: string) => ({ tags: ['proxy pickup'], summary, security: [{ bearer: [] }] })

/** 代取: the owner's share link, and the neighbour's side of it. */
export const delegationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app

  app.get(
    '/orders/:id/delegation',
    {
      preHandler: requireUser,
      schema: {
        ...doc("代取: my order's proxy pickup link and who took it (null if none)"),
        params: IdParams,
        response: replies({ 200: OwnerDelegationResponse }),
      },
    },
    async (request) => service.ownerDelegation(ctx, currentUser(request), request.params.id),
  )

  app.post(
    '/orders/:id/delegation',
    {
      preHandler: requireUser,
      schema: {
        ...doc('代取: make (or give again) the link that lets a neighbour collect my confirmed or ready order'),
        params: IdParams,
        response: replies({ 200: OwnerDelegationResponse }),
      },
    },
    async (request) => service.createDelegation(ctx, currentUser(request), request.params.id),
  )

  app.post(
    '/orders/:id/delegation/revoke',
    {
      preHandler: requireUser,
      schema: {
        ...doc('代取: take the proxy pickup back (until pickup); its code stops working'),
        params: IdParams,
        response: replies({ 200: OwnerDelegationResponse }),
      },
    },
    async (request) => service.revokeDelegation(ctx, currentUser(request), request.params.id),
  )

  app.get(
    '/delegations/:token',
    {
      preHandler: requireUser,
      schema: {
        ...doc('代取: what a proxy pickup link offers (its code and QR to its delegate only)'),
        params: DelegationTokenParams,
        response: replies({ 200: DelegationViewResponse }),
      },
    },
    async (request) => service.viewDelegation(ctx, currentUser(request), request.params.token),
  )

  app.post(
    '/delegations/:token/accept',
    {
      preHandler: requireUser,
      schema: {
        ...doc('代取: a neighbour accepts and gets a pickup code and QR of their own'),
        params: DelegationTokenParams,
        response: replies({ 200: DelegationViewResponse }),
      },
    },
    async (request) => service.acceptDelegation(ctx, currentUser(request), request.params.token),
  )
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParams, InviteResponse, MyInvitesResponse, replies } from '../../../types/contract'
import { currentUser, requireUser } from '../../http/auth'
import * as service from './invites.service'

const doc = (summary: string) => ({ tags: ['orders'], summary, security: [{ bearer: [] }] })

export const inviteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app

  app.post(
    '/deals/:id/invites',
    {
      preHandler: requireUser,
      schema: { ...doc('my invite code for a deal and the share path'), params: IdParams, response: replies({ 200: InviteResponse }) },
    },
    async (request) => service.inviteFor(ctx, currentUser(request), request.params.id),
  )

  app.get(
    '/me/invites',
    {
      preHandler: requireUser,
      schema: { ...doc('my invites and how many friends joined through each'), response: replies({ 200: MyInvitesResponse }) },
    },
    async (request) => ({ invites: await service.myInvites(ctx, currentUser(request)) }),
  )
}

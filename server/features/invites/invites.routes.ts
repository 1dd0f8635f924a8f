import type { FastifyInstance } from 'fastify'
import { currentUser, requireUser } from '../../http/auth'
import * as service from './invites.service'

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const

const doc = (summary: string) => ({ tags: ['orders'], summary, security: [{ bearer: [] }] })

export async function inviteRoutes(app: FastifyInstance): Promise<void> {
  const { ctx } = app

  app.post<{ Params: { id: string } }>('/deals/:id/invites', { preHandler: requireUser, schema: { ...doc('my invite code for a deal and the share path'), params: idParams } }, async (request) =>
    service.inviteFor(ctx, currentUser(request), request.params.id),
  )

  app.get('/me/invites', { preHandler: requireUser, schema: doc('my invites and how many friends joined through each') }, async (request) => ({
    invites: await service.myInvites(ctx, currentUser(request)),
  }))
}

import type { FastifyInstance } from 'fastify'
import { currentUser, requireRole } from '../../http/auth'
import * as service from './earnings.service'

export async function earningsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/leader/earnings', { preHandler: requireRole('leader'), schema: { tags: ['leader'], summary: '佣金: commission pending and earned, per deal', security: [{ bearer: [] }] } }, async (request) =>
    service.earnings(app.ctx, currentUser(request)),
  )
}

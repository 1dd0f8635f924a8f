import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Earnings, replies } from '../../../types/contract'
import { currentUser, requireRole } from '../../http/auth'
import * as service from './earnings.service'

export const earningsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/leader/earnings',
    {
      preHandler: requireRole('leader'),
      schema: {
        tags: ['leader'],
        summary: '佣金: commission pending and earned, per deal, week and month',
        security: [{ bearer: [] }],
        response: replies({ 200: Earnings }),
      },
    },
    async (request) => service.earnings(app.ctx, currentUser(request)),
  )
}

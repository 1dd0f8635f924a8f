import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Ok, replies } from '../../../types/contract'
import { AppError, sendError } from '../../http/errors'
import { ping } from './health.repository'

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** The bare baseline: answers without touching the database (benchmarks compare against it). */
  app.get('/ping', { schema: { tags: ['health'], summary: 'bare liveness (no database)', response: replies({ 200: Ok }) } }, async () => ({
    ok: true,
  }))

  /** For a load balancer: the process is up and its database answers. */
  app.get(
    '/health',
    { schema: { tags: ['health'], summary: 'the process and its database answer (503 when the database does not)', response: replies({ 200: Ok }) } },
    async (_request, reply) => {
      try {
        await ping(app.ctx.db)
        return { ok: true }
      } catch {
        return sendError(reply, new AppError(503, 'DATABASE_UNAVAILABLE', '数据库暂时不可用'))
      }
    },
  )
}

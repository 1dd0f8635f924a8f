import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  /** The bare baseline: answers without touching the database (benchmarks compare against it). */
  app.get('/ping', { schema: { tags: ['health'], summary: 'bare liveness (no database)' } }, async () => ({ ok: true }))

  /** For a load balancer: the process is up and its database answers. */
  app.get('/health', { schema: { tags: ['health'], summary: 'the process and its database answer' } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(app.ctx.db)
      return { ok: true }
    } catch {
      return reply.status(503).send({ error: { code: 'DATABASE_UNAVAILABLE', message: '数据库暂时不可用' } })
    }
  })
}

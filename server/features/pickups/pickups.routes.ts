import type { FastifyInstance } from 'fastify'
import { currentUser, requireRole } from '../../http/auth'
import * as service from './pickups.service'

/** A typed six-digit code or a scanned QR payload. */
const codeBody = {
  type: 'object',
  required: ['code'],
  additionalProperties: false,
  properties: { code: { type: 'string', minLength: 1, maxLength: 200 } },
} as const

export async function pickupRoutes(app: FastifyInstance): Promise<void> {
  const { ctx } = app
  const leader = requireRole('leader')

  app.post<{ Body: { code: string } }>(
    '/leader/pickups/verify',
    {
      preHandler: leader,
      schema: {
        tags: ['leader'],
        summary: '核销: verify a pickup code or scanned QR at one of my points',
        security: [{ bearer: [] }],
        body: codeBody,
      },
    },
    async (request) => service.verify(ctx, currentUser(request), request.body.code),
  )

  app.post<{ Body: { code: string } }>(
    '/leader/pickups/lookup',
    {
      preHandler: leader,
      schema: {
        tags: ['leader'],
        summary: 'the order behind a pickup code, to check before handing over (changes nothing; wrong codes count toward the limit)',
        security: [{ bearer: [] }],
        body: codeBody,
      },
    },
    async (request) => service.lookup(ctx, currentUser(request), request.body.code),
  )

  app.get<{ Querystring: { date: string } }>(
    '/leader/picking-list',
    {
      preHandler: leader,
      schema: {
        tags: ['leader'],
        summary: '分拣单: what to hand out on a Shanghai date, per pickup point',
        security: [{ bearer: [] }],
        querystring: {
          type: 'object',
          required: ['date'],
          properties: { date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
        },
      },
    },
    async (request) => service.pickingList(ctx, currentUser(request), request.query.date),
  )
}

import type { FastifyInstance } from 'fastify'
import swagger from '@fastify/swagger'

/**
 * The OpenAPI description, built by @fastify/swagger from the route schemas (the contract's TypeBox
 * schemas in types/contract) and served as JSON at /api/docs. Registered before the routes, so it
 * sees every one of them.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      // 3.1 takes JSON Schema as is, so nullable fields (type: ['integer', 'null']) need no rewriting
      openapi: '3.1.0',
      info: {
        title: 'Linli 邻里团 API',
        version: '1',
        description:
          'Neighbourhood fresh-produce group buys. Amounts are integer fen (…Fen), instants ISO-8601 UTC strings, ids ' +
          'strings. Errors are 4xx with { "error": { "code", "message" } }. Everything but the public reads needs ' +
          '`Authorization: Bearer <token>` (POST /api/v1/auth/dev-login in development).',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      tags: [
        { name: 'auth', description: 'sign-in and the signed-in user' },
        { name: 'deals', description: '团购 (public reads)' },
        { name: 'pickup-points', description: '自提点' },
        { name: 'orders', description: "参团: a shopper's orders and invites" },
        { name: 'messages', description: "a shopper's messages and subscription consents" },
        { name: 'leader-applications', description: '申请成为团长, and the admin review' },
        { name: 'leader', description: '团长 console (role leader)' },
        { name: 'payments', description: "WeChat Pay's notifications (called by WeChat)" },
        { name: 'health', description: 'liveness' },
      ],
    },
  })
  const describe = async () => app.swagger()
  app.get('/api/docs', { schema: { hide: true } }, describe)
  app.get('/api/docs/json', { schema: { hide: true } }, describe)
}

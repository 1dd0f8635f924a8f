import type { FastifyInstance } from 'fastify'
import type { AuthResponse, DevLoginRequest } from '../../../types/api'
import { notFound } from '../../http/errors'
import { bearerToken, currentUser, requireUser } from '../../http/auth'
import * as service from './auth.service'
import { listDemoUsers } from './auth.repository'
import { wechatLogin } from '../wechat/wechat-login.service'

const devLoginBody = {
  type: 'object',
  required: ['handle'],
  additionalProperties: false,
  properties: {
    handle: { type: 'string', pattern: '^[A-Za-z0-9_.-]{2,32}$' },
    nickname: { type: 'string', minLength: 1, maxLength: 20 },
    role: { type: 'string', enum: ['shopper', 'leader', 'admin'] },
  },
} as const

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const { ctx } = app

  app.post<{ Body: DevLoginRequest }>(
    '/auth/dev-login',
    { schema: { body: devLoginBody } },
    async (request): Promise<AuthResponse> => {
      // answers as if the route did not exist when dev login is off (production)
      if (!ctx.config.devLogin) throw notFound('接口')
      return service.devLogin(ctx, request.body)
    },
  )

  app.post<{ Body: { code: string } }>(
    '/auth/wechat-login',
    {
      schema: {
        body: {
          type: 'object',
          required: ['code'],
          additionalProperties: false,
          properties: { code: { type: 'string', minLength: 1, maxLength: 128 } },
        },
      },
    },
    async (request): Promise<AuthResponse> => wechatLogin(ctx, request.body.code),
  )

  /** The demo users the H5 picker offers; only while dev login is on. */
  app.get('/dev/users', async () => {
    if (!ctx.config.devLogin) throw notFound('接口')
    const rows = await listDemoUsers(ctx.db)
    return { users: rows.map(service.toUser) }
  })

  app.get('/me', { preHandler: requireUser }, async (request) => currentUser(request))

  app.post('/auth/logout', { preHandler: requireUser }, async (request) => {
    await service.logout(ctx, bearerToken(request)!)
    return { ok: true }
  })
}

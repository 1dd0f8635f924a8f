import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AuthResponse, DemoUsersResponse, DevLoginRequest, Ok, replies, User, WechatLoginRequest } from '../../../types/contract'
import { notFound } from '../../http/errors'
import { bearerToken, currentUser, requireUser } from '../../http/auth'
import * as service from './auth.service'
import { listDemoUsers } from './auth.repository'
import { wechatLogin } from '../wechat/wechat-login.service'

const signedIn = { tags: ['auth'], security: [{ bearer: [] }] }

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app

  app.post(
    '/auth/dev-login',
    {
      schema: {
        tags: ['auth'],
        summary: 'sign in as a demo user by handle (development only; 404 when dev login is off)',
        body: DevLoginRequest,
        response: replies({ 200: AuthResponse }),
      },
    },
    async (request) => {
      // answers as if the route did not exist when dev login is off (production)
      if (!ctx.config.devLogin) throw notFound('接口')
      return service.devLogin(ctx, request.body)
    },
  )

  app.post(
    '/auth/wechat-login',
    {
      schema: {
        tags: ['auth'],
        summary: 'sign in with a WeChat login code (Taro.login)',
        body: WechatLoginRequest,
        response: replies({ 200: AuthResponse }),
      },
    },
    async (request) => wechatLogin(ctx, request.body.code),
  )

  /** The demo users the H5 picker offers; only while dev login is on. */
  app.get(
    '/dev/users',
    { schema: { tags: ['auth'], summary: 'the demo users to sign in as (development only)', response: replies({ 200: DemoUsersResponse }) } },
    async () => {
      if (!ctx.config.devLogin) throw notFound('接口')
      const rows = await listDemoUsers(ctx.db)
      return { users: rows.map(service.toUser) }
    },
  )

  app.get(
    '/me',
    { preHandler: requireUser, schema: { ...signedIn, summary: 'the signed-in user', response: replies({ 200: User }) } },
    async (request) => currentUser(request),
  )

  app.post(
    '/auth/logout',
    { preHandler: requireUser, schema: { ...signedIn, summary: "end this token's session", response: replies({ 200: Ok }) } },
    async (request) => {
      await service.logout(ctx, bearerToken(request)!)
      return { ok: true }
    },
  )
}

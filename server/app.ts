import fs from 'node:fs'
import path from 'node:path'
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify'
import fastifyStatic from '@fastify/static'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { AppContext } from './http/context'
import { AppError } from './http/errors'
import { authRoutes } from './features/auth/auth.routes'
import { leaderApplicationRoutes } from './features/leader-applications/leader-applications.routes'
import { serveUploads, uploadRoutes } from './features/uploads/uploads.routes'
import { healthRoutes } from './features/health/health.routes'
import { orderRoutes } from './features/orders/orders.routes'
import { inviteRoutes } from './features/invites/invites.routes'
import { leaderDealRoutes } from './features/leader-deals/leader-deals.routes'
import { pickupRoutes } from './features/pickups/pickups.routes'
import { earningsRoutes } from './features/earnings/earnings.routes'
import { dealRoutes } from './features/deals/deals.routes'
import { pickupPointRoutes } from './features/pickup-points/pickup-points.routes'
import { wechatpayNotifyRoutes } from './features/payments/wechatpay-notify.routes'
import { notificationRoutes } from './features/notifications/notifications.routes'
import { registerOpenApi } from './openapi'
import { registerProductImages } from './seed/images'

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext
  }
}

export interface BuildOptions {
  /** request logging; off by default (tests), 'error' logs only failures */
  logger?: boolean | 'error'
}

/** The whole HTTP app, built by a function so tests can construct it and call `inject`. */
export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === 'error' ? { level: 'error' } : (options.logger ?? false),
    // validation coerces query strings ("12" -> 12) but never invents or drops body fields
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false } },
    bodyLimit: 1024 * 1024,
    // the router's own refusals (a malformed escape, an over-long path segment) in the contract's shape
    frameworkErrors: (error, _request, reply) => routerRefusal(error, reply),
  }).withTypeProvider<TypeBoxTypeProvider>()
  app.decorate('ctx', ctx)
  app.decorateRequest('user', null)

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      const { code, message, params } = error
      return reply.status(error.statusCode).send({ error: params ? { code, message, params } : { code, message } })
    }
    if ((error as FastifyError).validation) {
      return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message: `请求参数有误：${error.message}` } })
    }
    const status = (error as FastifyError).statusCode ?? 500
    if (status >= 400 && status < 500) {
      const code = (error as FastifyError).code?.replace(/^FST_ERR_/, '') ?? 'BAD_REQUEST'
      return reply.status(status).send({ error: { code, message: error.message } })
    }
    request.log.error(error)
    return reply.status(500).send({ error: { code: 'INTERNAL', message: '服务器开小差了，请稍后再试' } })
  })

  await registerOpenApi(app)
  await app.register(
    async (api) => {
      await api.register(authRoutes)
      await api.register(wechatpayNotifyRoutes)
      await api.register(notificationRoutes)
      await api.register(leaderApplicationRoutes)
      await api.register(uploadRoutes)
      await api.register(healthRoutes)
      await api.register(orderRoutes)
      await api.register(inviteRoutes)
      await api.register(leaderDealRoutes)
      await api.register(pickupRoutes)
      await api.register(earningsRoutes)
      await api.register(dealRoutes)
      await api.register(pickupPointRoutes)
    },
    { prefix: '/api/v1' },
  )

  await registerProductImages(app)
  await app.register(serveUploads)

  const staticDir = ctx.config.staticDir
  const hasApp = staticDir !== null && fs.existsSync(path.join(staticDir, 'index.html'))
  if (hasApp) await app.register(fastifyStatic, { root: staticDir, wildcard: false })

  app.setNotFoundHandler((request, reply) => {
    // the app's own routes fall back to index.html; unknown API paths answer in JSON
    if (hasApp && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html')
    }
    // the path is not echoed back: it is the caller's own text
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: '没有这个接口' } })
  })

  return app
}

/** What the router refuses before any route runs; never echoes the path. */
function routerRefusal(error: FastifyError, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return reply.status(414).send({ error: { code: 'URL_TOO_LONG', message: '请求地址过长' } })
  }
  if (error.code === 'FST_ERR_BAD_URL') {
    return reply.status(400).send({ error: { code: 'BAD_URL', message: '请求地址无法解析' } })
  }
  return reply.status(400).send({ error: { code: 'BAD_REQUEST', message: '请求有误' } })
}

import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { AppContext } from './http/context'
import { AppError, sendError } from './http/errors'
import { authRoutes } from './features/auth/auth.routes'
import { leaderApplicationRoutes } from './features/leader-applications/leader-applications.routes'
import { serveUploads, uploadRoutes } from './features/uploads/uploads.routes'
import { healthRoutes } from './features/health/health.routes'
import { orderRoutes } from './features/orders/orders.routes'
import { basketRoutes } from './features/basket/basket.routes'
import { inviteRoutes } from './features/invites/invites.routes'
import { leaderDealRoutes } from './features/leader-deals/leader-deals.routes'
import { pickupRoutes } from './features/pickups/pickups.routes'
import { delegationRoutes } from './features/delegations/delegations.routes'
import { staffRoutes } from './features/staff/staff.routes'
import { earningsRoutes } from './features/earnings/earnings.routes'
import { dealRoutes } from './features/deals/deals.routes'
import { pickupPointRoutes } from './features/pickup-points/pickup-points.routes'
import { wechatpayNotifyRoutes } from './features/payments/wechatpay-notify.routes'
import { notificationRoutes } from './features/notifications/notifications.routes'
import { liveRoutes } from './features/live/live.routes'
import { afterSalesRoutes } from './features/after-sales/after-sales.routes'
import { wxacodeRoutes } from './features/wxacode/wxacode.routes'
import { payoutRoutes } from './features/payouts/payouts.routes'
import { transferNotifyRoutes } from './features/payouts/transfer-notify.routes'
import { reconciliationRoutes } from './features/reconciliation/reconciliation.routes'
import { supplierRoutes } from './features/suppliers/suppliers.routes'
import { helpSellingRoutes, supplierDealRoutes } from './features/supplier-deals/supplier-deals.routes'
import { fulfilmentRoutes } from './features/fulfilment/fulfilment.routes'
import { adminRoutes } from './features/admin/admin.routes'
import fastifyWebsocket from '@fastify/websocket'
import { registerOpenApi } from './openapi'
import { registerRateLimits } from './http/rate-limits'
import { registerProductImages } from './seed/images'
import { hasH5App, registerCompression, registerH5App } from './http/static-assets'

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext
  }
}

export interface BuildOptions {
  /** request logging; off by default (tests), 'error' logs only failures */
  logger?: boolean | 'error'
}

/** Every feature's routes under /api/v1, registered in this order. */
const apiRoutes = [
  authRoutes,
  wechatpayNotifyRoutes,
  notificationRoutes,
  leaderApplicationRoutes,
  uploadRoutes,
  healthRoutes,
  orderRoutes,
  basketRoutes,
  inviteRoutes,
  leaderDealRoutes,
  pickupRoutes,
  // proxy pickup (代取), pickup staff (核销员)
  delegationRoutes,
  staffRoutes,
  earningsRoutes,
  dealRoutes,
  pickupPointRoutes,
  liveRoutes,
  afterSalesRoutes,
  // mini-program codes for share posters
  wxacodeRoutes,
  // wallets and withdrawals (提现); WeChat's merchant-transfer notification
  payoutRoutes,
  transferNotifyRoutes,
  // reconciliation (对账) and the console's alerts (admin)
  reconciliationRoutes,
  // suppliers (供货商), their deals, and leaders help-selling them (帮卖)
  supplierRoutes,
  supplierDealRoutes,
  helpSellingRoutes,
  // after cutoff: purchase orders, packing lists, the route, deliveries and receipts
  fulfilmentRoutes,
  // the operator console (admin)
  adminRoutes,
]

/** The whole HTTP app, built by a function so tests can construct it and call `inject`. */
export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === 'error' ? { level: 'error' } : (options.logger ?? false),
    // validation coerces query strings ("12" -> 12) but never invents or drops body fields
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false } },
    bodyLimit: 1024 * 1024,
    trustProxy: ctx.config.trustProxy,
    // the router's own refusals (a malformed escape, an over-long path segment) in the contract's shape
    frameworkErrors: (error, _request, reply) => routerRefusal(error, reply),
  }).withTypeProvider<TypeBoxTypeProvider>()
  app.decorate('ctx', ctx)
  app.decorateRequest('user', null)

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => sendError(reply, asRefusal(error, request)))
  // Brotli/gzip for everything below (API and app); before the routes so its hook covers them
  await registerCompression(app)

  await registerOpenApi(app)
  await registerRateLimits(app, ctx)
  // live deal pages; a client frame is a ping at most, so anything over 1 KiB is refused by ws itself
  await app.register(fastifyWebsocket, { options: { maxPayload: 1024 } })
  await app.register(
    async (api) => {
      for (const routes of apiRoutes) await api.register(routes)
    },
    { prefix: '/api/v1' },
  )

  await registerProductImages(app)
  await app.register(serveUploads)

  const staticDir = ctx.config.staticDir
  const hasApp = hasH5App(staticDir)
  if (hasApp) await registerH5App(app, staticDir)

  app.setNotFoundHandler((request, reply) => {
    // the app's own routes fall back to index.html; unknown API paths answer in JSON
    if (hasApp && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html')
    }
    // the path is not echoed back: it is the caller's own text
    return sendError(reply, new AppError(404, 'NOT_FOUND', '没有这个接口'))
  })

  return app
}

/** What the router refuses before any route runs; never echoes the path. */
function routerRefusal(error: FastifyError, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendError(reply, new AppError(414, 'URL_TOO_LONG', '请求地址过长'))
  if (error.code === 'FST_ERR_BAD_URL') return sendError(reply, new AppError(400, 'BAD_URL', '请求地址无法解析'))
  return sendError(reply, new AppError(400, 'BAD_REQUEST', '请求有误'))
}

/** Any error a route or hook throws, as the refusal the client is sent (a 5xx is logged, not explained). */
function asRefusal(error: FastifyError | AppError, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error
  if (error.validation) return new AppError(400, 'VALIDATION_FAILED', `请求参数有误：${error.message}`)
  const status = error.statusCode ?? 500
  if (status >= 400 && status < 500) return new AppError(status, error.code?.replace(/^FST_ERR_/, '') ?? 'BAD_REQUEST', error.message)
  request.log.error(error)
  return new AppError(500, 'INTERNAL', '服务器开小差了，请稍后再试')
}

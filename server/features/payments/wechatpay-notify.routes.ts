import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { SignedHeaders } from './wechatpay-client'
import { handlePaymentNotification, handleRefundNotification, type NotifyAnswer } from './wechatpay-notify.service'

function signedHeaders(request: FastifyRequest): SignedHeaders {
  const h = (name: string) => {
    const v = request.headers[name]
    return typeof v === 'string' ? v : undefined
  }
  return {
    timestamp: h('wechatpay-timestamp'),
    nonce: h('wechatpay-nonce'),
    signature: h('wechatpay-signature'),
    serial: h('wechatpay-serial'),
  }
}

/**
 * WeChat Pay's webhooks: `POST /payments/wechat/notify` (payments) and `/payments/wechat/refund-notify`
 * (refunds). The signature covers the exact bytes sent, so these routes keep the raw body
 * (a JSON parser of their own, scoped to this plugin) and answer in WeChat's `{ code, message }`.
 */
export async function wechatpayNotifyRoutes(app: FastifyInstance): Promise<void> {
  const { ctx } = app
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, body))

  const answer = (reply: import('fastify').FastifyReply, a: NotifyAnswer) =>
    a.body ? reply.status(a.status).send(a.body) : reply.status(a.status).send()

  app.post('/payments/wechat/notify', async (request, reply) => {
    const raw = typeof request.body === 'string' ? request.body : ''
    return answer(reply, await handlePaymentNotification(ctx, signedHeaders(request), raw, (f, m) => request.log.warn(f, m)))
  })

  app.post('/payments/wechat/refund-notify', async (request, reply) => {
    const raw = typeof request.body === 'string' ? request.body : ''
    return answer(reply, await handleRefundNotification(ctx, signedHeaders(request), raw, (f, m) => request.log.warn(f, m)))
  })
}

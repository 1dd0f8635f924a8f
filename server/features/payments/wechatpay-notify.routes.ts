import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ApiError } from '../../../types/contract'
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
 * WeChat's own answer shape: 204 when taken, else `{ code: 'FAIL', message }` (WeChat retries); a
 * request refused before the handler (wrong content type, too large) gets the contract's error body.
 */
const wechatFail = Type.Union([Type.Object({ code: Type.Literal('FAIL'), message: Type.String() }), ApiError])
const wechatReplies = {
  204: Type.Null({ description: 'taken (or seen before)' }),
  '4xx': wechatFail,
  '5xx': wechatFail,
}

/**
 * WeChat Pay's webhooks: `POST /payments/wechat/notify` (payments) and `/payments/wechat/refund-notify`
 * (refunds). The signature covers the exact bytes sent, so these routes keep the raw body
 * (a JSON parser of their own, scoped to this plugin) and answer in WeChat's `{ code, message }`.
 */
export const wechatpayNotifyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, body))

  const answer = (reply: FastifyReply, a: NotifyAnswer) => (a.body ? reply.status(a.status).send(a.body) : reply.status(a.status).send())
  const schema = (summary: string) => ({ tags: ['payments'], summary, response: wechatReplies })

  app.post('/payments/wechat/notify', { schema: schema('WeChat Pay payment notification (signed; WeChat calls it)') }, async (request, reply) => {
    const raw = typeof request.body === 'string' ? request.body : ''
    return answer(reply, await handlePaymentNotification(ctx, signedHeaders(request), raw, (f, m) => request.log.warn(f, m)))
  })

  app.post(
    '/payments/wechat/refund-notify',
    { schema: schema('WeChat Pay refund notification (signed; WeChat calls it)') },
    async (request, reply) => {
      const raw = typeof request.body === 'string' ? request.body : ''
      return answer(reply, await handleRefundNotification(ctx, signedHeaders(request), raw, (f, m) => request.log.warn(f, m)))
    },
  )
}

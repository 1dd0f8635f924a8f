import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ApiError } from '../../../types/contract'
import type { SignedHeaders } from '../payments/wechatpay-client'
import { handleTransferNotification, type NotifyAnswer } from './transfer-notify.service'

function signedHeaders(request: FastifyRequest): SignedHeaders {
  const h = (name: string) => {
    const v = request.headers[name]
    return typeof v === 'string' ? v : undefined
  }
  return { timestamp: h('wechatpay-timestamp'), nonce: h('wechatpay-nonce'), signature: h('wechatpay-signature'), serial: h('wechatpay-serial') }
}

const answer = (reply: FastifyReply, a: NotifyAnswer) => (a.body ? reply.status(a.status).send(a.body) : reply.status(a.status).send())

const wechatFail = Type.Union([Type.Object({ code: Type.Literal('FAIL'), message: Type.String() }), ApiError])

/**
 * `POST /payments/wechat/transfer-notify`: WeChat Pay tells a merchant transfer's end (SUCCESS, FAIL,
 * CANCELLED). The signature covers the exact bytes, so this plugin keeps the raw body (its own JSON
 * parser, scoped here) and answers in WeChat's `{ code, message }`.
 */
export const transferNotifyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, body))

  app.post(
    '/payments/wechat/transfer-notify',
    {
      schema: {
        tags: ['payments'],
        summary: 'WeChat Pay merchant-transfer notification (signed; WeChat calls it)',
        response: { 204: Type.Null({ description: 'taken' }), '4xx': wechatFail, '5xx': wechatFail },
      },
    },
    async (request, reply) => {
      const raw = typeof request.body === 'string' ? request.body : ''
      const a = await handleTransferNotification(ctx, signedHeaders(request), raw, (f, m) => request.log.warn(f, m))
      return answer(reply, a)
    },
  )
}

import type { FastifyInstance } from 'fastify'
import type { CreateOrderRequest } from '../../../types/api'
import { currentUser, requireUser } from '../../http/auth'
import { badRequest } from '../../http/errors'
import * as service from './orders.service'

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const

const createOrderBody = {
  type: 'object',
  required: ['quantity', 'pickupPointId'],
  additionalProperties: false,
  properties: {
    quantity: { type: 'integer', minimum: 1, maximum: 999 },
    pickupPointId: { type: 'string', minLength: 1, maxLength: 64 },
    inviteCode: { type: 'string', minLength: 1, maxLength: 32 },
  },
} as const

const doc = (summary: string) => ({ tags: ['orders'], summary, security: [{ bearer: [] }] })

const KEY = /^[A-Za-z0-9_.:-]{8,100}$/

export async function orderRoutes(app: FastifyInstance): Promise<void> {
  const { ctx } = app

  app.post<{ Params: { id: string }; Body: CreateOrderRequest }>(
    '/deals/:id/orders',
    { preHandler: requireUser, schema: { ...doc('参团下单: join a deal (Idempotency-Key header required); holds stock until paid'), params: idParams, body: createOrderBody } },
    async (request, reply) => {
      const key = request.headers['idempotency-key']
      if (typeof key !== 'string' || key === '') {
        throw badRequest('IDEMPOTENCY_KEY_REQUIRED', '缺少 Idempotency-Key 请求头：下单请求须带一个唯一编号，重试时不变')
      }
      if (!KEY.test(key)) throw badRequest('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key 须为 8-100 位字母、数字或 _.:-')
      const result = await service.createOrder(ctx, currentUser(request), request.params.id, request.body, key)
      return reply.status(201).send(result)
    },
  )

  app.post<{ Params: { id: string } }>('/orders/:id/pay', { preHandler: requireUser, schema: { ...doc('pay a held order (sandbox completes at once; WeChat Pay returns JSAPI params)'), params: idParams } }, async (request) =>
    service.payOrder(ctx, currentUser(request), request.params.id),
  )

  app.post<{ Params: { id: string } }>('/orders/:id/cancel', { preHandler: requireUser, schema: { ...doc('cancel before cutoff (a paid order is refunded in full)'), params: idParams } }, async (request) => ({
    order: await service.cancelOrder(ctx, currentUser(request), request.params.id),
  }))

  app.get<{ Params: { id: string } }>('/orders/:id', { preHandler: requireUser, schema: { ...doc('one own order, with pickup code and signed QR once paid'), params: idParams } }, async (request) => ({
    order: await service.getOrder(ctx, currentUser(request), request.params.id),
  }))

  app.get('/me/orders', { preHandler: requireUser, schema: doc('my orders, newest first') }, async (request) => ({
    orders: await service.listMyOrders(ctx, currentUser(request)),
  }))
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { CreateOrderRequest, CreateOrderResponse, IdParams, OrderListResponse, OrderResponse, replies } from '../../../types/contract'
import { currentUser, requireUser } from '../../http/auth'
import { badRequest } from '../../http/errors'
import * as service from './orders.service'

const doc = (summary: string) => ({ tags: ['orders'], summary, security: [{ bearer: [] }] })

const KEY = /^[A-Za-z0-9_.:-]{8,100}$/

export const orderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app

  app.post(
    '/deals/:id/orders',
    {
      preHandler: requireUser,
      schema: {
        ...doc('参团下单: join a deal (Idempotency-Key header required); holds stock until paid'),
        params: IdParams,
        body: CreateOrderRequest,
        response: replies({ 201: CreateOrderResponse }),
      },
    },
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

  app.post(
    '/orders/:id/pay',
    {
      preHandler: requireUser,
      schema: {
        ...doc('pay a held order (sandbox completes at once; WeChat Pay returns JSAPI params)'),
        params: IdParams,
        response: replies({ 200: CreateOrderResponse }),
      },
    },
    async (request) => service.payOrder(ctx, currentUser(request), request.params.id),
  )

  app.post(
    '/orders/:id/cancel',
    {
      preHandler: requireUser,
      schema: { ...doc('cancel before cutoff (a paid order is refunded in full)'), params: IdParams, response: replies({ 200: OrderResponse }) },
    },
    async (request) => ({ order: await service.cancelOrder(ctx, currentUser(request), request.params.id) }),
  )

  app.get(
    '/orders/:id',
    {
      preHandler: requireUser,
      schema: { ...doc('one own order, with pickup code and signed QR once paid'), params: IdParams, response: replies({ 200: OrderResponse }) },
    },
    async (request) => ({ order: await service.getOrder(ctx, currentUser(request), request.params.id) }),
  )

  app.get(
    '/me/orders',
    { preHandler: requireUser, schema: { ...doc('my orders, newest first'), response: replies({ 200: OrderListResponse }) } },
    async (request) => ({ orders: await service.listMyOrders(ctx, currentUser(request)) }),
  )
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { BasketCheckoutRequest, BasketPayResponse, BasketResponse, IdParams, replies } from '../../../types/contract'
import { currentUser, requireUser } from '../../http/auth'
import { badRequest } from '../../http/errors'
import * as service from './basket.service'

const doc = (summary: string) => ({ tags: ['baskets'], summary, security: [{ bearer: [] }] })

const KEY = /^[A-Za-z0-9_.:-]{8,100}$/

/** several deals for tomorrow's pickup, one payment. */
export const basketRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app

  app.post(
    '/baskets/checkout',
    {
      preHandler: requireUser,
      schema: {
        ...doc('check out a basket (Idempotency-Key header required): each item joins its own deal; what cannot be joined is removed'),
        body: BasketCheckoutRequest,
        response: replies({ 201: BasketResponse }),
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key']
      if (typeof key !== 'string' || key === '') {
        throw badRequest('IDEMPOTENCY_KEY_REQUIRED', '缺少 Idempotency-Key 请求头：下单请求须带一个唯一编号，重试时不变')
      }
      if (!KEY.test(key)) throw badRequest('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key 须为 8-100 位字母、数字或 _.:-')
      const basket = await service.checkout(ctx, currentUser(request), request.body, key)
      return reply.status(201).send({ basket })
    },
  )

  app.post(
    '/baskets/:id/pay',
    {
      preHandler: requireUser,
      schema: {
        ...doc("pay a basket's held orders in one transaction (sandbox completes at once; WeChat Pay returns JSAPI params)"),
        params: IdParams,
        response: replies({ 200: BasketPayResponse }),
      },
    },
    async (request) => service.payBasket(ctx, currentUser(request), request.params.id),
  )

  app.get(
    '/baskets/:id',
    {
      preHandler: requireUser,
      schema: { ...doc('one own basket with its orders and what was removed'), params: IdParams, response: replies({ 200: BasketResponse }) },
    },
    async (request) => ({ basket: await service.getBasket(ctx, currentUser(request), request.params.id) }),
  )
}

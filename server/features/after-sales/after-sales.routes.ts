import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  AfterSalesListResponse,
  AfterSalesResponse,
  ApproveAfterSalesRequest,
  CreateAfterSalesRequest,
  DecideAfterSalesRequest,
  EscalateAfterSalesRequest,
  IdParams,
  OrderAfterSalesResponse,
  RefuseAfterSalesRequest,
  replies,
  Role,
} from '../../../types/contract'
import { currentUser, requireRole, requireUser } from '../../http/auth'
import * as service from './after-sales.service'

const doc = (tag: string, summary: string) => ({ tags: [tag], summary, security: [{ bearer: [] }] })

/** 售后 (refund only): the shopper's requests, the leader's answers, the operator's decisions. */
export const afterSalesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app

  // the shopper ---------------------------------------------------------------------------------
  app.get(
    '/orders/:id/after-sales',
    {
      preHandler: requireUser,
      schema: {
        ...doc('orders', "售后: my order's after-sales requests with their timelines, and whether I may ask now"),
        params: IdParams,
        response: replies({ 200: OrderAfterSalesResponse }),
      },
    },
    async (request) => service.orderAfterSales(ctx, currentUser(request), request.params.id),
  )

  app.post(
    '/orders/:id/after-sales',
    {
      preHandler: requireUser,
      schema: {
        ...doc('orders', '售后: ask for part or all of my picked-up order back, within the window (quantity, reason, note, up to 6 uploaded photos)'),
        params: IdParams,
        body: CreateAfterSalesRequest,
        response: replies({ 201: AfterSalesResponse }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({ request: await service.createRequest(ctx, currentUser(request), request.params.id, request.body) }),
  )

  app.post(
    '/after-sales/:id/escalate',
    {
      preHandler: requireUser,
      schema: {
        ...doc('orders', '售后: ask the operator to decide on a refusal (once per order; the decision is final)'),
        params: IdParams,
        body: EscalateAfterSalesRequest,
        response: replies({ 200: AfterSalesResponse }),
      },
    },
    async (request) => ({ request: await service.escalate(ctx, currentUser(request), request.params.id, request.body.note ?? '') }),
  )

  // the point's leader ----------------------------------------------------------------------------
  const leader = requireRole(Role.leader)

  app.get(
    '/leader/after-sales',
    {
      preHandler: leader,
      schema: { ...doc('leader', '售后: requests at my pickup points, waiting ones first'), response: replies({ 200: AfterSalesListResponse }) },
    },
    async (request) => ({ requests: await service.leaderRequests(ctx, currentUser(request)) }),
  )

  app.post(
    '/leader/after-sales/:id/approve',
    {
      preHandler: leader,
      schema: {
        ...doc(
          'leader',
          '售后: approve in full (no amount) or in part (amountFen, at most what is left to refund); refunds through the payment provider',
        ),
        params: IdParams,
        body: ApproveAfterSalesRequest,
        response: replies({ 200: AfterSalesResponse }),
      },
    },
    async (request) => ({ request: await service.approve(ctx, currentUser(request), request.params.id, request.body?.amountFen) }),
  )

  app.post(
    '/leader/after-sales/:id/refuse',
    {
      preHandler: leader,
      schema: {
        ...doc('leader', '售后: refuse with a reason (the shopper may escalate once)'),
        params: IdParams,
        body: RefuseAfterSalesRequest,
        response: replies({ 200: AfterSalesResponse }),
      },
    },
    async (request) => ({ request: await service.refuse(ctx, currentUser(request), request.params.id, request.body.reason) }),
  )

  // the operator ----------------------------------------------------------------------------------
  const admin = requireRole(Role.admin)

  app.get(
    '/admin/after-sales',
    {
      preHandler: admin,
      schema: { ...doc('admin', '售后: escalated requests, waiting ones first'), response: replies({ 200: AfterSalesListResponse }) },
    },
    async () => ({ requests: await service.escalations(ctx) }),
  )

  app.post(
    '/admin/after-sales/:id/decide',
    {
      preHandler: admin,
      schema: {
        ...doc('admin', '售后: decide an escalation, final: refund (amountFen, or in full) or uphold the refusal'),
        params: IdParams,
        body: DecideAfterSalesRequest,
        response: replies({ 200: AfterSalesResponse }),
      },
    },
    async (request) => ({ request: await service.decide(ctx, currentUser(request), request.params.id, request.body) }),
  )
}

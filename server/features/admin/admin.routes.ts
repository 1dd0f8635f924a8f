import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  AdminAuditQuery,
  AdminAuditResponse,
  AdminDeal,
  AdminDealDetail,
  AdminDealListResponse,
  AdminDealsQuery,
  AdminOrderListResponse,
  AdminOrdersQuery,
  AdminOverview,
  AdminOverviewQuery,
  AdminPeopleQuery,
  AdminPeopleResponse,
  AdminPerson,
  AdminRefund,
  AdminRefundListResponse,
  AdminRefundsQuery,
  DealCommissionRequest,
  IdParams,
  SuspendRequest,
  UserCommissionRequest,
  replies,
  Role,
} from '../../../types/contract'
import { currentUser, requireRole } from '../../http/auth'
import * as csv from './admin-csv'
import * as service from './admin.service'

const doc = (summary: string) => ({ tags: ['admin'], summary, security: [{ bearer: [] }] })

/** `?format=csv`: the list as text/csv (UTF-8 with a BOM, for Excel), named for the download. */
function sendCsv(reply: FastifyReply, name: string, body: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.csv"`)
    .header('cache-control', 'no-store')
    .send(body)
}

const langOf = (lang?: string): csv.CsvLang => (lang === 'en' ? 'en' : 'zh-CN')

/** The operator console (运营后台): role admin on every route; every write is audited in its transaction. */
export const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const preHandler = requireRole(Role.admin)

  app.get(
    '/admin/overview',
    {
      preHandler,
      schema: {
        ...doc("today's figures and the last days' (orders, GMV, refund rate), per leader and per supplier; csv: the days"),
        querystring: AdminOverviewQuery,
        response: replies({ 200: AdminOverview }),
      },
    },
    async (request, reply) => {
      const result = await service.overview(ctx, request.query.days ?? 30)
      if (request.query.format === 'csv') return sendCsv(reply, 'overview', csv.daysCsv(result.days, langOf(request.query.lang)))
      return result
    },
  )

  app.get(
    '/admin/deals',
    {
      preHandler,
      schema: {
        ...doc('deals, newest first: search and filter by status'),
        querystring: AdminDealsQuery,
        response: replies({ 200: AdminDealListResponse }),
      },
    },
    async (request, reply) => {
      const { q, status, offset = 0, limit = 50, format, lang } = request.query
      if (format === 'csv') {
        const all = await service.deals(ctx, { q, status }, { offset: 0, limit: 10_000 })
        return sendCsv(reply, 'deals', csv.dealsCsv(all.deals, langOf(lang)))
      }
      return service.deals(ctx, { q, status }, { offset, limit })
    },
  )

  app.get(
    '/admin/deals/:id',
    {
      preHandler,
      schema: { ...doc('one deal: its points, orders, refunds and timeline'), params: IdParams, response: replies({ 200: AdminDealDetail }) },
    },
    async (request) => service.deal(ctx, request.params.id),
  )

  app.patch(
    '/admin/deals/:id/commission',
    {
      preHandler,
      schema: {
        ...doc("set one deal's commission rate before it settles (409 DEAL_ALREADY_SETTLED after); null: each leader's own"),
        params: IdParams,
        body: DealCommissionRequest,
        response: replies({ 200: AdminDeal }),
      },
    },
    async (request) => service.setDealCommission(ctx, currentUser(request).id, request.params.id, request.body.commissionBps),
  )

  app.get(
    '/admin/orders',
    {
      preHandler,
      schema: {
        ...doc('find orders by order id, pickup code, phone tail or nickname (none: the newest)'),
        querystring: AdminOrdersQuery,
        response: replies({ 200: AdminOrderListResponse }),
      },
    },
    async (request, reply) => {
      const { q, dealId, limit = 50, format, lang } = request.query
      const orders = await service.orders(ctx, { q, dealId, limit: format === 'csv' ? 10_000 : limit })
      if (format === 'csv') return sendCsv(reply, 'orders', csv.ordersCsv(orders, langOf(lang)))
      return { orders }
    },
  )

  app.get(
    '/admin/refunds',
    {
      preHandler,
      schema: {
        ...doc('refunds, abnormal ones first, then newest'),
        querystring: AdminRefundsQuery,
        response: replies({ 200: AdminRefundListResponse }),
      },
    },
    async (request, reply) => {
      const { status, abnormal, limit = 100, format, lang } = request.query
      const refunds = await service.refunds(ctx, { status, abnormal }, format === 'csv' ? 10_000 : limit)
      if (format === 'csv') return sendCsv(reply, 'refunds', csv.refundsCsv(refunds, langOf(lang)))
      return { refunds }
    },
  )

  app.post(
    '/admin/refunds/:id/retry',
    {
      preHandler,
      schema: {
        ...doc('send an abnormal, closed or waiting refund to the provider again (409 REFUND_NOT_RETRYABLE otherwise)'),
        params: IdParams,
        response: replies({ 200: AdminRefund }),
      },
    },
    async (request) => service.retryRefund(ctx, currentUser(request).id, request.params.id),
  )

  app.get(
    '/admin/people',
    {
      preHandler,
      schema: { ...doc('leaders and suppliers, newest first'), querystring: AdminPeopleQuery, response: replies({ 200: AdminPeopleResponse }) },
    },
    async (request, reply) => {
      const { role, q, suspended, format, lang } = request.query
      const people = await service.people(ctx, { role, q, suspended })
      if (format === 'csv') return sendCsv(reply, 'people', csv.peopleCsv(people, langOf(lang)))
      return { people }
    },
  )

  app.post(
    '/admin/users/:id/suspend',
    {
      preHandler,
      schema: {
        ...doc('suspend a leader or supplier: no new deals, no publishing, no payouts'),
        params: IdParams,
        body: SuspendRequest,
        response: replies({ 200: AdminPerson }),
      },
    },
    async (request) => service.setSuspension(ctx, currentUser(request).id, request.params.id, true, request.body?.reason),
  )

  app.post(
    '/admin/users/:id/unsuspend',
    {
      preHandler,
      schema: { ...doc('lift a suspension'), params: IdParams, response: replies({ 200: AdminPerson }) },
    },
    async (request) => service.setSuspension(ctx, currentUser(request).id, request.params.id, false),
  )

  app.patch(
    '/admin/users/:id/commission',
    {
      preHandler,
      schema: {
        ...doc("change a leader's commission rate: for deals settled from now on (settled orders keep theirs)"),
        params: IdParams,
        body: UserCommissionRequest,
        response: replies({ 200: AdminPerson }),
      },
    },
    async (request) => service.setUserCommission(ctx, currentUser(request).id, request.params.id, request.body.commissionBps),
  )

  app.get(
    '/admin/audit',
    {
      preHandler,
      schema: {
        ...doc('the audit log: who did what, when, before and after (newest first)'),
        querystring: AdminAuditQuery,
        response: replies({ 200: AdminAuditResponse }),
      },
    },
    async (request, reply) => {
      const { targetKind, targetId, action, before, limit = 100, format, lang } = request.query
      const result = await service.auditLog(ctx, { targetKind, targetId, action, before }, format === 'csv' ? 10_000 : limit)
      if (format === 'csv') return sendCsv(reply, 'audit', csv.auditCsv(result.entries, langOf(lang)))
      return result
    },
  )
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  AlertsResponse,
  ReconciliationDayQuery,
  ReconciliationDaysQuery,
  ReconciliationDaysResponse,
  ReconciliationReport,
  ReconciliationRunRequest,
  replies,
  Role,
} from '../../../types/contract'
import { currentUser, requireRole } from '../../http/auth'
import * as service from './reconciliation.service'

const doc = (summary: string) => ({ tags: ['admin', 'reconciliation'], summary, security: [{ bearer: [] }] })

/** Reconciliation (对账) and the console's alerts: admin only. */
export const reconciliationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const adminOnly = requireRole(Role.admin)

  app.get(
    '/admin/reconciliation',
    {
      preHandler: adminOnly,
      schema: {
        ...doc("a day's statement and differences: its latest run, or (never run) checked now without the provider"),
        querystring: ReconciliationDayQuery,
        response: replies({ 200: ReconciliationReport }),
      },
    },
    async (request) => service.report(ctx, service.assertDay(ctx, request.query.day)),
  )

  app.post(
    '/admin/reconciliation/run',
    {
      preHandler: adminOnly,
      schema: {
        ...doc('run the check for a day now (with WeChat Pay, its states too); saved and audited'),
        body: ReconciliationRunRequest,
        response: replies({ 200: ReconciliationReport }),
      },
    },
    async (request) => service.run(ctx, currentUser(request).id, service.assertDay(ctx, request.body.day)),
  )

  app.get(
    '/admin/reconciliation/days',
    {
      preHandler: adminOnly,
      schema: {
        ...doc('the last days, today first, each with its latest run'),
        querystring: ReconciliationDaysQuery,
        response: replies({ 200: ReconciliationDaysResponse }),
      },
    },
    async (request) => service.days(ctx, request.query.limit ?? 30),
  )

  app.get(
    '/admin/alerts',
    {
      preHandler: adminOnly,
      schema: {
        ...doc('what needs an operator: reconciliation differences, abnormal refunds, failed payouts'),
        response: replies({ 200: AlertsResponse }),
      },
    },
    async () => ({ alerts: await service.alerts(ctx) }),
  )
}

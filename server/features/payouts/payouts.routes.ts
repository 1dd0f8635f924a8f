import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  AdminPayoutList,
  AdminPayoutListQuery,
  AdminPayoutResponse,
  IdParams,
  PayoutRequest,
  PayoutResponse,
  RefusePayoutRequest,
  Role,
  Wallet,
  replies,
} from '../../../types/contract'
import { currentUser, requireRole, requireUser } from '../../http/auth'
import { badRequest } from '../../http/errors'
import { payoutsCsv } from './payouts-csv'
import * as service from './payouts.service'

const doc = (tag: string, summary: string) => ({ tags: [tag], summary, security: [{ bearer: [] }] })

const KEY = /^[A-Za-z0-9_.:-]{8,100}$/

function idempotencyKey(request: FastifyRequest): string {
  const key = request.headers['idempotency-key']
  if (typeof key !== 'string' || key === '') {
    throw badRequest('IDEMPOTENCY_KEY_REQUIRED', '缺少 Idempotency-Key 请求头：提现请求须带一个唯一编号，重试时不变')
  }
  if (!KEY.test(key)) throw badRequest('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key 须为 8-100 位字母、数字或 _.:-')
  return key
}

/** `?format=csv`: text/csv (UTF-8 with a BOM, for Excel), as the console's other lists. */
function sendCsv(reply: FastifyReply, body: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', 'attachment; filename="payouts.csv"')
    .header('cache-control', 'no-store')
    .send(body)
}

/**
 * Wallets and withdrawals (提现): `/leader/…` for a leader's commission, `/supplier/…` for a supplier's
 * payables, `/admin/payouts…` for the operator (approve / refuse, audited).
 */
export const payoutRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const leaderOnly = requireRole(Role.leader)
  const adminOnly = requireRole(Role.admin)
  const owners = {
    leader: { preHandler: leaderOnly, owner: (r: FastifyRequest) => service.leaderOwner(ctx.db, currentUser(r).id) },
    // the supplier behind the user (approved or suspended) is checked in the service
    supplier: { preHandler: requireUser, owner: (r: FastifyRequest) => service.supplierOwner(ctx.db, currentUser(r).id) },
  } as const

  for (const kind of ['leader', 'supplier'] as const) {
    const { preHandler, owner } = owners[kind]
    const tag = kind === 'leader' ? 'leader' : 'supplier'
    const whose = kind === 'leader' ? "the leader's commission" : "the supplier's payables"

    app.get(
      `/${kind}/wallet`,
      {
        preHandler,
        schema: {
          ...doc(tag, `钱包: ${whose} — balance, pending, withdrawable, in flight, paid out; entries and payouts`),
          response: replies({ 200: Wallet }),
        },
      },
      async (request) => service.wallet(ctx, await owner(request)),
    )

    app.post(
      `/${kind}/payouts`,
      {
        preHandler,
        schema: {
          ...doc(tag, `提现: ask to withdraw from ${whose} (Idempotency-Key header required); the operator approves`),
          body: PayoutRequest,
          response: replies({ 201: PayoutResponse, 200: PayoutResponse }),
        },
      },
      async (request, reply) => {
        const key = idempotencyKey(request)
        const { payout, created } = await service.requestPayout(ctx, await owner(request), request.body.amountFen, key)
        return reply.status(created ? 201 : 200).send({ payout })
      },
    )

    app.post(
      `/${kind}/payouts/:id/confirm`,
      {
        preHandler,
        schema: {
          ...doc(tag, '确认收款 done in WeChat (Taro.requestMerchantTransfer): the server asks the provider where the transfer is'),
          params: IdParams,
          response: replies({ 200: PayoutResponse }),
        },
      },
      async (request) => ({ payout: await service.confirmPayout(ctx, await owner(request), request.params.id) }),
    )
  }

  app.get(
    '/admin/payouts',
    {
      preHandler: adminOnly,
      schema: {
        ...doc('admin', 'payouts to approve first, then the rest (admin); format=csv for a spreadsheet'),
        querystring: AdminPayoutListQuery,
        response: replies({ 200: AdminPayoutList }),
      },
    },
    async (request, reply) => {
      const { format, lang, ...filter } = request.query
      if (format === 'csv') {
        const all = await service.adminList(ctx, { ...filter, offset: 0, limit: 10_000 })
        return sendCsv(reply, payoutsCsv(all.payouts, lang === 'en' ? 'en' : 'zh-CN'))
      }
      return service.adminList(ctx, filter)
    },
  )

  app.post(
    '/admin/payouts/:id/approve',
    {
      preHandler: adminOnly,
      schema: {
        ...doc('admin', 'approve a payout: it is sent at once by its bill number (admin, audited)'),
        params: IdParams,
        response: replies({ 200: AdminPayoutResponse }),
      },
    },
    async (request) => ({ payout: await service.approve(ctx, currentUser(request).id, request.params.id) }),
  )

  app.post(
    '/admin/payouts/:id/refuse',
    {
      preHandler: adminOnly,
      schema: {
        ...doc('admin', 'refuse a payout with a reason the owner reads: the money goes back to her balance (admin, audited)'),
        params: IdParams,
        body: RefusePayoutRequest,
        response: replies({ 200: AdminPayoutResponse }),
      },
    },
    async (request) => ({ payout: await service.refuse(ctx, currentUser(request).id, request.params.id, request.body.reason) }),
  )
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  IdParams,
  LeaderSupplierDealListResponse,
  LeaderSupplierDealResponse,
  OptInRequest,
  OptOutParams,
  Role,
  SupplierDealInput,
  SupplierDealListResponse,
  SupplierDealPatch,
  SupplierDealResponse,
  replies,
} from '../../../types/contract'
import { currentUser, requireRole } from '../../http/auth'
import * as deals from './supplier-deals.service'
import * as helpSelling from './help-selling.service'

const doc = (tag: string, summary: string) => ({ tags: [tag], summary, security: [{ bearer: [] }] })

/** A supplier's own deals (供货商): draft, edit, publish, cancel, read with per-point counts. */
export const supplierDealRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const supplier = requireRole(Role.supplier)
  const one = replies({ 200: SupplierDealResponse })

  app.post(
    '/supplier/deals',
    {
      preHandler: supplier,
      schema: {
        ...doc('supplier', 'draft a supplier deal (no points: leaders opt theirs in)'),
        body: SupplierDealInput,
        response: replies({ 201: SupplierDealResponse }),
      },
    },
    async (request, reply) => reply.status(201).send({ deal: await deals.createDraft(ctx, currentUser(request), request.body) }),
  )

  app.get(
    '/supplier/deals',
    {
      preHandler: supplier,
      schema: { ...doc('supplier', 'my deals, newest first, with points and orders'), response: replies({ 200: SupplierDealListResponse }) },
    },
    async (request) => ({ deals: await deals.listOwn(ctx, currentUser(request)) }),
  )

  app.get(
    '/supplier/deals/:id',
    {
      preHandler: supplier,
      schema: { ...doc('supplier', 'one of my deals, with per-point orders and units (live before cutoff)'), params: IdParams, response: one },
    },
    async (request) => ({ deal: await deals.getOwn(ctx, currentUser(request), request.params.id) }),
  )

  app.patch(
    '/supplier/deals/:id',
    { preHandler: supplier, schema: { ...doc('supplier', 'edit a draft'), params: IdParams, body: SupplierDealPatch, response: one } },
    async (request) => ({ deal: await deals.editDraft(ctx, currentUser(request), request.params.id, request.body) }),
  )

  app.post(
    '/supplier/deals/:id/publish',
    { preHandler: supplier, schema: { ...doc('supplier', 'publish to the town (refused while suspended)'), params: IdParams, response: one } },
    async (request) => ({ deal: await deals.publish(ctx, currentUser(request), request.params.id) }),
  )

  app.post(
    '/supplier/deals/:id/cancel',
    { preHandler: supplier, schema: { ...doc('supplier', 'cancel before cutoff: full refunds at every point'), params: IdParams, response: one } },
    async (request) => ({ deal: await deals.cancel(ctx, currentUser(request), request.params.id) }),
  )
}

/** Help-selling (帮卖): a leader's view of supplier deals on offer, and her points in or out. */
export const helpSellingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const leader = requireRole(Role.leader)
  const one = replies({ 200: LeaderSupplierDealResponse })

  app.get(
    '/leader/supplier-deals',
    {
      preHandler: leader,
      schema: {
        ...doc('leader', '帮卖: open supplier deals on offer, with which of my points are in'),
        response: replies({ 200: LeaderSupplierDealListResponse }),
      },
    },
    async (request) => ({ deals: await helpSelling.onOffer(ctx, currentUser(request)) }),
  )

  app.post(
    '/leader/supplier-deals/:id/points',
    {
      preHandler: leader,
      schema: { ...doc('leader', 'opt my pickup point in (the deal open; not twice)'), params: IdParams, body: OptInRequest, response: one },
    },
    async (request) => ({ deal: await helpSelling.optIn(ctx, currentUser(request), request.params.id, request.body.pickupPointId) }),
  )

  app.delete(
    '/leader/supplier-deals/:id/points/:pointId',
    {
      preHandler: leader,
      schema: { ...doc('leader', 'opt my pickup point out (409 POINT_HAS_ORDERS once orders are there)'), params: OptOutParams, response: one },
    },
    async (request) => ({ deal: await helpSelling.optOut(ctx, currentUser(request), request.params.id, request.params.pointId) }),
  )
}

import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  IdParams,
  MySupplierResponse,
  RejectSupplierRequest,
  SupplierApplicationInput,
  SupplierListQuery,
  SupplierListResponse,
  SupplierProfilePatch,
  SupplierResponse,
  replies,
  Role,
} from '../../../types/contract'
import { badRequest } from '../../http/errors'
import { currentUser, requireRole, requireUser } from '../../http/auth'
import * as service from './suppliers.service'

/** The depot's coordinates must be real JSON numbers: the validator's coercion would turn null into 0 (a depot at sea). */
async function depotIsNumbers(request: FastifyRequest): Promise<void> {
  const body = request.body as Record<string, unknown> | null
  if (!body || typeof body !== 'object') return
  for (const key of ['depotLat', 'depotLng']) {
    if (key in body && (typeof body[key] !== 'number' || !Number.isFinite(body[key]))) {
      throw badRequest('VALIDATION_FAILED', `请求参数有误：${key} 须为数字`)
    }
  }
}

const doc = (summary: string, tag = 'suppliers') => ({ tags: [tag], summary, security: [{ bearer: [] }] })

export const supplierRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const adminOnly = requireRole(Role.admin)
  const one = replies({ 200: SupplierResponse })

  app.post(
    '/supplier-applications',
    {
      preHandler: requireUser,
      preValidation: depotIsNumbers,
      schema: { ...doc('申请成为供货商 (again after a rejection)'), body: SupplierApplicationInput, response: replies({ 201: SupplierResponse }) },
    },
    async (request, reply) => reply.status(201).send({ supplier: await service.apply(ctx, currentUser(request), request.body) }),
  )

  app.get(
    '/me/supplier',
    {
      preHandler: requireUser,
      schema: { ...doc("the signed-in person's supplier (any status), or null"), response: replies({ 200: MySupplierResponse }) },
    },
    async (request) => ({ supplier: await service.mine(ctx, currentUser(request).id) }),
  )

  app.patch(
    '/supplier/profile',
    {
      preHandler: requireUser,
      preValidation: depotIsNumbers,
      schema: { ...doc('edit my supplier profile (name, contact, depot)'), body: SupplierProfilePatch, response: one },
    },
    async (request) => ({ supplier: await service.updateProfile(ctx, currentUser(request), request.body) }),
  )

  app.get(
    '/admin/suppliers',
    {
      preHandler: adminOnly,
      schema: {
        ...doc('suppliers and their applications, newest first (admin)', 'admin'),
        querystring: SupplierListQuery,
        response: replies({ 200: SupplierListResponse }),
      },
    },
    async (request) => ({ suppliers: await service.list(ctx, request.query.status) }),
  )

  app.post(
    '/admin/suppliers/:id/approve',
    { preHandler: adminOnly, schema: { ...doc('approve: the applicant becomes a supplier (audited)', 'admin'), params: IdParams, response: one } },
    async (request) => ({ supplier: await service.approve(ctx, currentUser(request).id, request.params.id) }),
  )

  app.post(
    '/admin/suppliers/:id/reject',
    {
      preHandler: adminOnly,
      schema: {
        ...doc('reject with a reason the applicant will read (audited)', 'admin'),
        params: IdParams,
        body: RejectSupplierRequest,
        response: one,
      },
    },
    async (request) => ({ supplier: await service.reject(ctx, currentUser(request).id, request.params.id, request.body.reason) }),
  )
}

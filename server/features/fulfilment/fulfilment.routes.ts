import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import {
  DeliveryRequest,
  DeliveryResponse,
  DeliveryRoute,
  FulfilmentDateQuery,
  LeaderReceiptsResponse,
  PackingList,
  PackingListQuery,
  PurchaseOrder,
  ReceiptInput,
  ReceiptResponse,
  ReceiptsQuery,
  replies,
  Role,
  SupplierOwed,
} from '../../../types/contract'
import { currentUser, requireRole, requireUser } from '../../http/auth'
import { packingListCsv } from './packing-csv'
import * as service from './fulfilment.service'

/** text/csv (UTF-8 with a BOM, for Excel), named for the download. */
function sendCsv(reply: FastifyReply, name: string, body: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.csv"`)
    .header('cache-control', 'no-store')
    .send(body)
}

const doc = (summary: string) => ({ tags: ['fulfilment'], summary, security: [{ bearer: [] }] })

/**
 * After cutoff: the supplier's purchase orders, packing lists, route and deliveries (Role.supplier,
 * their own supplier only), what they are owed; the point's leader or staff records the receipt.
 */
export const fulfilmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const supplier = requireRole(Role.supplier)

  app.get(
    '/supplier/purchase-orders',
    {
      preHandler: supplier,
      schema: {
        ...doc('采购单: units per product over my deals delivering that day'),
        querystring: FulfilmentDateQuery,
        response: replies({ 200: PurchaseOrder }),
      },
    },
    async (request) => service.purchaseOrder(ctx, currentUser(request), request.query.date),
  )

  app.get(
    '/supplier/packing-lists',
    {
      preHandler: supplier,
      schema: {
        ...doc('分拣单: per pickup point (leader, contact, units per product, shoppers); format=csv for a spreadsheet'),
        querystring: PackingListQuery,
        response: replies({ 200: PackingList }),
      },
    },
    async (request, reply) => {
      const list = await service.packingList(ctx, currentUser(request), request.query.date)
      if (request.query.format !== 'csv') return list
      return sendCsv(reply, `packing-${list.date}`, packingListCsv(list, request.query.lang === 'en' ? 'en' : 'zh-CN'))
    },
  )

  app.get(
    '/supplier/route',
    {
      preHandler: supplier,
      schema: {
        ...doc('配送路线: the stops with orders that day from my depot (nearest neighbour + 2-opt), legs and total metres'),
        querystring: FulfilmentDateQuery,
        response: replies({ 200: DeliveryRoute }),
      },
    },
    async (request) => service.route(ctx, currentUser(request), request.query.date),
  )

  app.post(
    '/supplier/deliveries',
    {
      preHandler: supplier,
      schema: {
        ...doc("送达: this stop delivered, for each of the day's settled deals with orders there (twice: the same)"),
        body: DeliveryRequest,
        response: replies({ 200: DeliveryResponse }),
      },
    },
    async (request) => service.deliver(ctx, currentUser(request), request.body.date, request.body.pickupPointId),
  )

  app.get(
    '/supplier/owed',
    {
      preHandler: supplier,
      schema: {
        ...doc('应收: per deal delivered, units kept × the supplier unit price (credited), and what awaits receipt'),
        response: replies({ 200: SupplierOwed }),
      },
    },
    async (request) => service.owed(ctx, currentUser(request)),
  )

  app.get(
    '/leader/receipts',
    {
      preHandler: requireUser,
      schema: {
        ...doc('收货: supplier deliveries at my points (or where I am staff), awaiting receipt first'),
        querystring: ReceiptsQuery,
        response: replies({ 200: LeaderReceiptsResponse }),
      },
    },
    async (request) => service.receipts(ctx, currentUser(request), request.query.date),
  )

  app.post(
    '/leader/receipts',
    {
      preHandler: requireUser,
      schema: {
        ...doc('收货: what arrived of one deal at my point; the shortage refunded (once), the rest made ready'),
        body: ReceiptInput,
        response: replies({ 200: ReceiptResponse }),
      },
    },
    async (request) => service.recordReceipt(ctx, currentUser(request), request.body),
  )
}

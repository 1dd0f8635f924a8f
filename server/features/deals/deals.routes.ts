import type { FastifyInstance } from 'fastify'
import type { DealListResponse, DealResponse } from '../../../types/api'
import { optionalUser } from '../../http/auth'
import { locationQuerySchema, parseLocation, type LocationQuery } from '../pickup-points/location'
import { dealDetailSchema, dealSummarySchema, serverNowSchema } from './deals.schemas'
import * as service from './deals.service'

/** The JSON text of deal objects already answered with (see GET /deals/:id). */
const dealJson = new WeakMap<object, string>()

export async function dealRoutes(app: FastifyInstance): Promise<void> {
  const { ctx } = app

  app.get<{ Querystring: LocationQuery }>(
    '/deals',
    {
      schema: {
        tags: ['deals'],
        summary: '附近的团购: open deals still before their cutoff',
        description:
          'Soonest cutoff first; with lat & lng, the deals whose nearest pickup point is closest first (then soonest cutoff).',
        querystring: { type: 'object', properties: locationQuerySchema },
        response: {
          200: {
            type: 'object',
            required: ['deals', 'serverNow'],
            properties: { deals: { type: 'array', items: dealSummarySchema }, serverNow: serverNowSchema },
          },
        },
      },
    },
    async (request): Promise<DealListResponse> => {
      const location = parseLocation(request.query)
      const deals = await service.listDeals(ctx, location)
      return { deals, serverNow: ctx.now().toISOString() }
    },
  )

  app.get<{ Params: { id: string }; Querystring: LocationQuery & { invite?: string } }>(
    '/deals/:id',
    {
      schema: {
        tags: ['deals'],
        summary: 'one deal (a draft only for its own leader)',
        description: 'With `invite`, a code of this deal: `inviter.nickname` names the friend who shared it.',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 64 } } },
        querystring: {
          type: 'object',
          properties: { ...locationQuerySchema, invite: { type: 'string', maxLength: 64, description: '邀请码' } },
        },
        response: {
          200: {
            type: 'object',
            required: ['deal', 'serverNow'],
            properties: { deal: dealDetailSchema, serverNow: serverNowSchema },
          },
        },
      },
    },
    async (request, reply) => {
      const location = parseLocation(request.query)
      const deal = await service.getDeal(ctx, request.params.id, {
        location,
        inviteCode: request.query.invite || undefined,
        viewer: () => optionalUser(request),
      })
      // most readers get the very same deal object for a while: turn it into JSON once, with the
      // schema's own serializer, and answer with that text and this moment's serverNow
      let json = dealJson.get(deal)
      if (json === undefined) {
        json = reply.compileSerializationSchema(dealDetailSchema)(deal)
        dealJson.set(deal, json)
      }
      const serverNow: DealResponse['serverNow'] = ctx.now().toISOString()
      return reply.type('application/json; charset=utf-8').send(`{"deal":${json},"serverNow":"${serverNow}"}`)
    },
  )
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DealCategoriesResponse, DealListQuery, DealListResponse, DealQuery, DealResponse, IdParams, replies } from '../../../types/contract'
import { optionalUser } from '../../http/auth'
import { parseLocation } from '../pickup-points/location'
import * as service from './deals.service'

/**
 * Most readers of a deal get the very same (frozen) deal object for a while (see deals.service's
 * read cache), so its reply text is made once, by the route's own response serializer, with a
 * placeholder for `serverNow`; each reply then puts this moment in its place. `serverNow` is the
 * schema's last field and toISOString() is always 24 characters, so the placeholder ends the text.
 */
const NOW_SLOT = '1970-01-01T00:00:00.000Z'
const NOW_TAIL = `"${NOW_SLOT}"}`
const replyTexts = new WeakMap<object, string>()

export const dealRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app

  app.get(
    '/deals',
    {
      schema: {
        tags: ['deals'],
        summary: '附近的团购: open deals still before their cutoff',
        description:
          'Soonest cutoff first; with lat & lng, the deals whose nearest pickup point is closest first (then soonest cutoff). ' +
          'One page of 20 (`limit`: up to 60); `offset` for the next. ' +
          '`q` keeps the deals whose title or product name holds those words (trimmed, 1 to 40 characters; case-insensitive, taken literally), ' +
          '`category` those of one category; both go with the location and the paging.',
        querystring: DealListQuery,
        response: replies({ 200: DealListResponse }),
      },
    },
    async (request) => {
      const location = parseLocation(request.query)
      const { limit, offset, q, category } = request.query
      const deals = await service.listDeals(ctx, location, { limit, offset }, { q, category })
      return { deals, serverNow: ctx.now().toISOString() }
    },
  )

  // the category chips on home
  app.get(
    '/deals/categories',
    {
      schema: {
        tags: ['deals'],
        summary: '团购分类: the categories of open deals, with how many each has',
        description: 'The fullest category first; deals without a category are left out. Categories are as stored (the app words the ones it knows).',
        response: replies({ 200: DealCategoriesResponse }),
      },
    },
    async () => ({ categories: await service.openCategories(ctx), serverNow: ctx.now().toISOString() }),
  )

  app.get(
    '/deals/:id',
    {
      schema: {
        tags: ['deals'],
        summary: 'one deal (a draft only for its own leader)',
        description: 'With `invite`, a code of this deal: `inviter.nickname` names the friend who shared it.',
        params: IdParams,
        querystring: DealQuery,
        response: replies({ 200: DealResponse }),
      },
    },
    async (request, reply) => {
      const location = parseLocation(request.query)
      const deal = await service.getDeal(ctx, request.params.id, {
        location,
        inviteCode: request.query.invite || undefined,
        viewer: () => optionalUser(request),
      })
      const serverNow = ctx.now().toISOString()
      // a reader's own copy (signed in, located, invited) is answered once: nothing to keep
      if (!Object.isFrozen(deal)) return { deal, serverNow }
      let text = replyTexts.get(deal)
      if (text === undefined) {
        const made = reply.serialize({ deal, serverNow: NOW_SLOT })
        // (a serializer that does not end on the placeholder just answers the usual way)
        if (typeof made !== 'string' || !made.endsWith(NOW_TAIL)) return { deal, serverNow }
        replyTexts.set(deal, (text = made))
      }
      const json = text.slice(0, -NOW_TAIL.length) + `"${serverNow}"}`
      // already JSON: sent as it is, not serialised again
      return reply.type('application/json; charset=utf-8').send(json as never)
    },
  )
}

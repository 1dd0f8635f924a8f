import type { FastifyInstance } from 'fastify'
import { currentUser, requireUser } from '../../http/auth'
import { badRequest, notFound } from '../../http/errors'
import * as service from './notifications.service'

const subscriptionsBody = {
  type: 'object',
  required: ['templateIds'],
  additionalProperties: false,
  properties: {
    // Taro.requestSubscribeMessage asks for at most 3 one-time templates at a time
    templateIds: { type: 'array', minItems: 1, maxItems: 3, items: { type: 'string', minLength: 1, maxLength: 128 } },
    dealId: { type: 'string', minLength: 1, maxLength: 64 },
  },
} as const

export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const { ctx } = app

  /** Which template ids the app should ask consent for (kind -> id); empty when none are configured. */
  app.get('/notifications/templates', async () => ({ templates: ctx.config.notifications.templates }))

  /** The templates the shopper accepted in Taro.requestSubscribeMessage (send only the "accept" ones). */
  app.post<{ Body: { templateIds: string[]; dealId?: string } }>(
    '/me/subscriptions',
    { preHandler: requireUser, schema: { body: subscriptionsBody } },
    async (request) => {
      const user = currentUser(request)
      const known = new Set(Object.values(ctx.config.notifications.templates))
      const unknown = request.body.templateIds.filter((id) => !known.has(id))
      if (unknown.length > 0) throw badRequest('UNKNOWN_TEMPLATE', `不认识的订阅消息模板：${unknown.join(', ')}`)
      const dealId = request.body.dealId ?? null
      if (dealId && !(await ctx.db.selectFrom('deals').select('id').where('id', '=', dealId).executeTakeFirst())) throw notFound('团购')
      return { accepted: await service.recordConsent(ctx, user.id, [...new Set(request.body.templateIds)], dealId) }
    },
  )

  app.get('/me/messages', { preHandler: requireUser }, async (request) => service.listMessages(ctx, currentUser(request).id))

  app.post('/me/messages/read', { preHandler: requireUser }, async (request) => {
    await service.markAllRead(ctx, currentUser(request).id)
    return service.listMessages(ctx, currentUser(request).id)
  })
}

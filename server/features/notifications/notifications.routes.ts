import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { MessagesResponse, NotificationTemplatesResponse, replies, SubscriptionsRequest, SubscriptionsResponse } from '../../../types/contract'
import { currentUser, requireUser } from '../../http/auth'
import { badRequest, notFound } from '../../http/errors'
import * as service from './notifications.service'

const doc = (summary: string) => ({ tags: ['messages'], summary, security: [{ bearer: [] }] })

export const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app

  /** Which template ids the app should ask consent for (kind -> id); empty when none are configured. */
  app.get(
    '/notifications/templates',
    {
      schema: {
        tags: ['messages'],
        summary: 'the subscription-message template id per kind, to ask consent for on the join tap',
        response: replies({ 200: NotificationTemplatesResponse }),
      },
    },
    async () => ({ templates: ctx.config.notifications.templates }),
  )

  /** The templates the shopper accepted in Taro.requestSubscribeMessage (send only the "accept" ones). */
  app.post(
    '/me/subscriptions',
    {
      preHandler: requireUser,
      schema: {
        ...doc('record the subscription messages the shopper accepted (1-3 template ids)'),
        body: SubscriptionsRequest,
        response: replies({ 200: SubscriptionsResponse }),
      },
    },
    async (request) => {
      const user = currentUser(request)
      const known = new Set(Object.values(ctx.config.notifications.templates))
      const unknown = request.body.templateIds.filter((id) => !known.has(id))
      if (unknown.length > 0) throw badRequest('UNKNOWN_TEMPLATE', `不认识的订阅消息模板：${unknown.join(', ')}`)
      const dealId = request.body.dealId ?? null
      if (dealId && !(await service.dealExists(ctx, dealId))) throw notFound('团购')
      return { accepted: await service.recordConsent(ctx, user.id, [...new Set(request.body.templateIds)], dealId) }
    },
  )

  app.get(
    '/me/messages',
    {
      preHandler: requireUser,
      schema: { ...doc('my messages, newest first, and how many are unread'), response: replies({ 200: MessagesResponse }) },
    },
    async (request) => service.listMessages(ctx, currentUser(request).id),
  )

  app.post(
    '/me/messages/read',
    { preHandler: requireUser, schema: { ...doc('mark all my messages read'), response: replies({ 200: MessagesResponse }) } },
    async (request) => {
      await service.markAllRead(ctx, currentUser(request).id)
      return service.listMessages(ctx, currentUser(request).id)
    },
  )
}

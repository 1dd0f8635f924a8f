import type { AppContext } from '../../http/context'
import { openidOf } from '../auth/auth.service'
import { WechatApiError, sendSubscribeMessage } from '../wechat/wechat-openapi'
import { NotificationKind } from './notifications.config'
import * as repo from './notifications.repository'
import { registerOutboxKind, type Delivery, type OutboxKind } from './outbox'

/** What the outbox keeps of a shopper event, to send it later as a WeChat subscription message. */
export interface MessagePayload {
  kind: NotificationKind
  userId: string
  dealId: string
  /** the template's keyword values (thing1, amount2, time3, ...) */
  data: Record<string, string>
  /** the mini-program page the message opens */
  page: string
}

/** errcodes of subscribe/send that will not get better by trying again */
const PERMANENT: Record<number, string> = {
  40003: 'touser is not a valid openid',
  40037: 'template_id is not valid',
  41030: 'page does not exist in the published mini-program',
  47003: 'template data does not fit the template',
}

async function deliverMessage(ctx: AppContext, payload: MessagePayload): Promise<Delivery> {
  const templateId = ctx.config.notifications.templates[payload.kind]
  if (!templateId || !ctx.config.wechat) return { outcome: 'skipped', note: 'no template configured: in-app only' }
  const openid = await openidOf(ctx, payload.userId)
  if (!openid) return { outcome: 'skipped', note: 'shopper has no openid' }

  // one accepted one-time subscription pays for one message: take one (this deal's first)
  const nowIso = ctx.now().toISOString()
  const consents = await repo.unusedConsents(ctx.db, payload.userId, templateId, payload.dealId)
  consents.sort((a, b) => Number(b.deal_id === payload.dealId) - Number(a.deal_id === payload.dealId))
  let consentId: string | null = null
  for (const c of consents) {
    if (await repo.useConsent(ctx.db, c.id, nowIso)) {
      consentId = c.id
      break
    }
  }
  if (!consentId) return { outcome: 'skipped', note: 'no subscription consent: in-app only' }
  const giveBack = () => repo.giveBackConsent(ctx.db, consentId)

  let answer
  try {
    answer = await sendSubscribeMessage(ctx, { touser: openid, template_id: templateId, page: payload.page, data: payload.data })
  } catch (error) {
    await giveBack()
    return { outcome: 'retry', note: error instanceof WechatApiError ? error.message : String(error) }
  }
  if (answer.errcode === 0) return { outcome: 'sent' }
  // 43101: the shopper withdrew (or never gave) consent at WeChat: the consent is spent either way
  if (answer.errcode === 43101) return { outcome: 'skipped', note: '43101 user refused to accept the message' }
  await giveBack()
  if (PERMANENT[answer.errcode]) return { outcome: 'failed', note: `${answer.errcode} ${PERMANENT[answer.errcode]}` }
  return { outcome: 'retry', note: `${answer.errcode} ${answer.errmsg}` }
}

/** Every shopper event kind goes out as a subscription message. */
export const messageOutbox: Record<NotificationKind, OutboxKind<MessagePayload>> = {
  [NotificationKind.dealSucceeded]: registerOutboxKind(NotificationKind.dealSucceeded, deliverMessage),
  [NotificationKind.dealFailed]: registerOutboxKind(NotificationKind.dealFailed, deliverMessage),
  [NotificationKind.goodsArrived]: registerOutboxKind(NotificationKind.goodsArrived, deliverMessage),
  [NotificationKind.pickupReminder]: registerOutboxKind(NotificationKind.pickupReminder, deliverMessage),
  [NotificationKind.graceReminder]: registerOutboxKind(NotificationKind.graceReminder, deliverMessage),
  [NotificationKind.orderUnclaimed]: registerOutboxKind(NotificationKind.orderUnclaimed, deliverMessage),
  [NotificationKind.afterSalesRequested]: registerOutboxKind(NotificationKind.afterSalesRequested, deliverMessage),
  [NotificationKind.afterSalesApproved]: registerOutboxKind(NotificationKind.afterSalesApproved, deliverMessage),
  [NotificationKind.afterSalesRefused]: registerOutboxKind(NotificationKind.afterSalesRefused, deliverMessage),
  [NotificationKind.afterSalesEscalated]: registerOutboxKind(NotificationKind.afterSalesEscalated, deliverMessage),
  [NotificationKind.afterSalesDecided]: registerOutboxKind(NotificationKind.afterSalesDecided, deliverMessage),
}

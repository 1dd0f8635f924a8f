import type { AppContext } from '../../http/context'
import { backoffMs } from '../../jobs/backoff'
import { SHIPPING_KIND, deliverShipping } from '../shipping/shipping.service'
import { WechatApiError, sendSubscribeMessage } from '../wechat/wechat-openapi'
import type { NotificationKind } from './notifications.config'
import type { OutboxPayload } from './notifications.service'
import * as repo from './outbox.repository'

/**
 * The outbox job: delivers due rows (subscription messages and shipping uploads) one attempt at a
 * time. A row is claimed by a conditional update, so several instances can run this at once; a
 * failure is retried with exponential backoff (30 s, 1 min, 2 min, ... at most 6 h) up to MAX_ATTEMPTS.
 */
export interface Delivery {
  outcome: 'sent' | 'skipped' | 'retry' | 'failed'
  note?: string
}

export const MAX_ATTEMPTS = 10
const LEASE_MS = 2 * 60_000

export { backoffMs }

/** errcodes of subscribe/send that will not get better by trying again */
const PERMANENT: Record<number, string> = {
  40003: 'touser is not a valid openid',
  40037: 'template_id is not valid',
  41030: 'page does not exist in the published mini-program',
  47003: 'template data does not fit the template',
}

async function deliverMessage(ctx: AppContext, payload: OutboxPayload): Promise<Delivery> {
  const templateId = ctx.config.notifications.templates[payload.kind as NotificationKind]
  if (!templateId || !ctx.config.wechat) return { outcome: 'skipped', note: 'no template configured: in-app only' }
  const user = await ctx.db.selectFrom('users').select('openid').where('id', '=', payload.userId).executeTakeFirst()
  if (!user?.openid) return { outcome: 'skipped', note: 'shopper has no openid' }

  // one accepted one-time subscription pays for one message: take one (this deal's first)
  const nowIso = ctx.now().toISOString()
  const consents = await ctx.db
    .selectFrom('subscription_consents')
    .select(['id', 'deal_id'])
    .where('user_id', '=', payload.userId)
    .where('template_id', '=', templateId)
    .where('used_at', 'is', null)
    .where((eb) => eb.or([eb('deal_id', 'is', null), eb('deal_id', '=', payload.dealId)]))
    .orderBy('created_at')
    .execute()
  consents.sort((a, b) => Number(b.deal_id === payload.dealId) - Number(a.deal_id === payload.dealId))
  let consentId: string | null = null
  for (const c of consents) {
    const r = await ctx.db.updateTable('subscription_consents').set({ used_at: nowIso }).where('id', '=', c.id).where('used_at', 'is', null).executeTakeFirst()
    if (Number(r.numUpdatedRows) === 1) {
      consentId = c.id
      break
    }
  }
  if (!consentId) return { outcome: 'skipped', note: 'no subscription consent: in-app only' }
  const giveBack = () => ctx.db.updateTable('subscription_consents').set({ used_at: null }).where('id', '=', consentId).execute()

  let answer
  try {
    answer = await sendSubscribeMessage(ctx, { touser: user.openid, template_id: templateId, page: payload.page, data: payload.data })
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

async function deliver(ctx: AppContext, kind: string, payload: unknown): Promise<Delivery> {
  try {
    if (kind === SHIPPING_KIND) return await deliverShipping(ctx, payload as Parameters<typeof deliverShipping>[1])
    return await deliverMessage(ctx, payload as OutboxPayload)
  } catch (error) {
    return { outcome: 'retry', note: error instanceof Error ? error.message : String(error) }
  }
}

export interface OutboxRun {
  sent: number
  skipped: number
  failed: number
  retried: number
}

export async function deliverOutbox(ctx: AppContext, limit = 50): Promise<OutboxRun> {
  const run: OutboxRun = { sent: 0, skipped: 0, failed: 0, retried: 0 }
  const now = ctx.now()
  const rows = await repo.dueRows(ctx.db, now.toISOString(), limit)
  for (const row of rows) {
    if (!(await repo.claim(ctx.db, row, new Date(now.getTime() + LEASE_MS).toISOString()))) continue
    const attempts = row.attempts + 1
    const result = await deliver(ctx, row.kind, JSON.parse(row.payload))
    const doneIso = ctx.now().toISOString()
    if (result.outcome === 'retry') {
      if (attempts >= MAX_ATTEMPTS) {
        await repo.finish(ctx.db, row.id, 'failed', doneIso, `gave up after ${attempts} attempts: ${result.note ?? ''}`)
        run.failed++
      } else {
        await repo.retryLater(ctx.db, row.id, new Date(ctx.now().getTime() + backoffMs(attempts)).toISOString(), result.note ?? 'retry')
        run.retried++
      }
      continue
    }
    await repo.finish(ctx.db, row.id, result.outcome, doneIso, result.note ?? null)
    run[result.outcome === 'sent' ? 'sent' : result.outcome === 'skipped' ? 'skipped' : 'failed']++
  }
  return run
}

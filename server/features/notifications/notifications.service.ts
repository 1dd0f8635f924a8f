import type { MessageFacts, MessagesResponse } from '../../../types/api'
import { MessageKind, OrderStatus } from '../../../types/api'
import { formatFen, formatShanghai } from '../../../src/domain'
import { windowIn } from '../../../src/i18n/dates'
import type { Database } from '../../db/database'
import { groupBy } from '../../db/chunks'
import type { AppContext } from '../../http/context'
import { newId } from '../../http/ids'
import { enqueueShippingForArrival } from '../shipping/shipping.service'
import { NotificationKind } from './notifications.config'
import * as repo from './notifications.repository'
import { messageOutbox, type MessagePayload } from './subscription-messages'

/**
 * Events shoppers are told about. Each one is written, in the caller's transaction, as an in-app
 * message and an outbox row (both unique by a dedupe key, so a retried settlement or a second arrival
 * tells nobody twice). The outbox job delivers it later as a WeChat subscription message — never
 * while the caller holds its locks.
 */
export interface ShopperEvent {
  kind: NotificationKind
  userId: string
  dealId: string
  orderId: string | null
  title: string
  body: string
  /** what it is about, for the app to say in another language */
  facts: MessageFacts
  /** the template's keyword values (thing1, amount2, time3, ...) */
  data: Record<string, string>
  /** the mini-program page the message opens */
  page: string
  /** what makes it the same event when an order has several of a kind (default: kind, order, user) */
  dedupeKey?: string
}

/** Write one event for one shopper; false if it was already written (same dedupe key). */
export async function enqueueEvent(trx: Database, event: ShopperEvent, nowIso: string): Promise<boolean> {
  return (await enqueueEvents(trx, [event], nowIso)) === 1
}

/**
 * Write many events at once (every shopper of a deal that just settled): the messages and their
 * outbox rows in a few multi-row statements. Returns how many were new.
 */
export async function enqueueEvents(trx: Database, events: readonly ShopperEvent[], nowIso: string): Promise<number> {
  const keyed = events.map((event) => ({ event, dedupeKey: event.dedupeKey ?? `${event.kind}:${event.orderId ?? event.dealId}:${event.userId}` }))
  const inserted = await repo.insertMessages(
    trx,
    keyed.map(({ event, dedupeKey }) => ({
      id: newId(),
      user_id: event.userId,
      kind: event.kind,
      title: event.title,
      body: event.body,
      facts: JSON.stringify(event.facts),
      deal_id: event.dealId,
      order_id: event.orderId,
      dedupe_key: dedupeKey,
      created_at: nowIso,
      read_at: null,
    })),
  )
  const fresh = keyed.filter((k) => inserted.has(k.dedupeKey))
  for (const [kind, group] of groupBy(fresh, (k) => k.event.kind)) {
    await messageOutbox[kind].enqueueMany(
      trx,
      group.map(({ event, dedupeKey }) => ({
        dedupeKey,
        userId: event.userId,
        payload: { kind: event.kind, userId: event.userId, dealId: event.dealId, data: event.data, page: event.page } satisfies MessagePayload,
      })),
      nowIso,
    )
  }
  return fresh.length
}

/** WeChat's "thing" keywords take at most 20 characters. */
const thing = (s: string) => (s.length > 20 ? `${s.slice(0, 19)}…` : s)
const amount = (fen: number) => `${formatFen(fen).replace('¥', '')}元`
const time = (iso: string) => formatShanghai(iso, 'YYYY-MM-DD HH:mm')
const orderPage = (orderId: string) => `shopper/pages/order/index?id=${orderId}`

/** The facts of a message about one order of a deal. */
function facts(
  o: { title: string; point_name: string; pickup_start?: string; pickup_end: string },
  more: Partial<Pick<MessageFacts, 'amountFen' | 'refundFen' | 'reason'>> = {},
): MessageFacts {
  return {
    deal: o.title,
    point: o.point_name,
    amountFen: more.amountFen ?? null,
    refundFen: more.refundFen ?? null,
    pickupStart: o.pickup_start ?? null,
    pickupEnd: o.pickup_end,
    reason: more.reason ?? null,
  }
}

function readFacts(text: string | null): MessageFacts | null {
  if (!text) return null
  try {
    return JSON.parse(text) as MessageFacts
  } catch {
    return null
  }
}

/** 成团: every confirmed order hears the final price and when to pick up. Call in settlement's transaction. */
export async function onDealSucceeded(trx: Database, dealId: string, nowIso: string): Promise<void> {
  const orders = await repo.dealOrders(trx, dealId, [OrderStatus.confirmed])
  const events = orders.map((o): ShopperEvent => {
    const finalFen = (o.final_unit_price_fen ?? 0) * o.quantity
    const back = o.refund_fen > 0 ? `，差价 ${formatFen(o.refund_fen)} 原路退回` : ''
    return {
      kind: NotificationKind.dealSucceeded,
      userId: o.user_id,
      dealId,
      orderId: o.id,
      title: '拼团成功',
      body: `「${o.title}」已成团，成交价 ${formatFen(finalFen)}${back}。提货时间 ${windowIn('zh-CN', o.pickup_start, o.pickup_end)}，自提点：${o.point_name}`,
      facts: facts(o, { amountFen: finalFen, refundFen: o.refund_fen }),
      data: { thing1: thing(o.product_name), amount2: amount(finalFen), time3: time(o.pickup_start), thing4: thing(o.point_name) },
      page: orderPage(o.id),
    }
  })
  await enqueueEvents(trx, events, nowIso)
}

/** 未成团 / 团长取消: every refunded order hears that its money is on the way back. */
export async function onDealRefunded(trx: Database, dealId: string, reason: string, nowIso: string): Promise<void> {
  const why = reason === 'deal_cancelled' ? '团长取消了团购' : '未达到成团人数'
  const orders = await repo.dealOrders(trx, dealId, [OrderStatus.refunded])
  const events = orders.map((o): ShopperEvent => ({
    kind: NotificationKind.dealFailed,
    userId: o.user_id,
    dealId,
    orderId: o.id,
    title: reason === 'deal_cancelled' ? '团购已取消，已退款' : '未成团，已退款',
    body: `「${o.title}」${why}，已全额退款 ${formatFen(o.paid_fen)}，将原路退回`,
    facts: facts(o, { amountFen: o.paid_fen, reason: reason === 'deal_cancelled' ? 'deal_cancelled' : 'deal_failed' }),
    data: { thing1: thing(o.product_name), amount2: amount(o.paid_fen), thing3: thing(why) },
    page: orderPage(o.id),
  }))
  await enqueueEvents(trx, events, nowIso)
}

/** 到货: shoppers of this point can come; their WeChat payments are reported as shipped (self-pickup). */
export async function onGoodsArrived(trx: Database, dealId: string, pointId: string, nowIso: string): Promise<void> {
  for (const o of await repo.dealOrders(trx, dealId, [OrderStatus.ready], pointId)) {
    await enqueueEvent(
      trx,
      {
        kind: NotificationKind.goodsArrived,
        userId: o.user_id,
        dealId,
        orderId: o.id,
        title: '到货啦，可以提货了',
        body: `「${o.title}」已到自提点「${o.point_name}」，请在 ${time(o.pickup_end)} 前凭提货码提货`,
        facts: facts(o),
        data: { thing1: thing(o.product_name), thing2: thing(o.point_name), time3: time(o.pickup_end) },
        page: orderPage(o.id),
      },
      nowIso,
    )
  }
  await enqueueShippingForArrival(trx, dealId, pointId, nowIso)
}

/**
 * 提货提醒: goods that arrived but are still waiting when the pickup window is about to close.
 * Run by the job; each order is reminded once (the dedupe key).
 */
export async function enqueuePickupReminders(ctx: AppContext): Promise<number> {
  const now = ctx.now()
  const nowIso = now.toISOString()
  const soonIso = new Date(now.getTime() + ctx.config.notifications.reminderMinutes * 60_000).toISOString()
  const due = await repo.ordersToRemind(ctx.db, nowIso, soonIso)
  let count = 0
  for (const o of due) {
    const made = await ctx.db.transaction().execute((trx) =>
      enqueueEvent(
        trx,
        {
          kind: NotificationKind.pickupReminder,
          userId: o.user_id,
          dealId: o.deal_id,
          orderId: o.id,
          title: '提货提醒',
          body: `「${o.title}」还没提货，自提点「${o.point_name}」${time(o.pickup_end)} 截止，别忘了哦`,
          facts: facts(o),
          data: { thing1: thing(o.product_name), thing2: thing(o.point_name), time3: time(o.pickup_end) },
          page: orderPage(o.id),
        },
        nowIso,
      ),
    )
    if (made) count++
  }
  return count
}

/** Record the templates a shopper accepted in Taro.requestSubscribeMessage: one message each. */
export async function recordConsent(ctx: AppContext, userId: string, templateIds: string[], dealId: string | null): Promise<number> {
  const nowIso = ctx.now().toISOString()
  const rows = templateIds.map((template_id) => ({ id: newId(), user_id: userId, template_id, deal_id: dealId, created_at: nowIso, used_at: null }))
  if (rows.length > 0) await repo.insertConsents(ctx.db, rows)
  return rows.length
}

export async function listMessages(ctx: AppContext, userId: string): Promise<MessagesResponse> {
  const rows = await repo.listMessagesOf(ctx.db, userId)
  return {
    messages: rows.map((m) => ({
      id: m.id,
      kind: m.kind,
      title: m.title,
      body: m.body,
      facts: readFacts(m.facts),
      dealId: m.deal_id,
      orderId: m.order_id,
      createdAt: m.created_at,
      read: m.read_at !== null,
    })),
    unread: rows.filter((m) => m.read_at === null).length,
  }
}

export async function markAllRead(ctx: AppContext, userId: string): Promise<void> {
  await repo.markMessagesRead(ctx.db, userId, ctx.now().toISOString())
}

/** Whether the deal a consent names exists. */
export async function dealExists(ctx: AppContext, dealId: string): Promise<boolean> {
  return repo.dealExists(ctx.db, dealId)
}

// ---- LEADERS: an admin's answer to a leader application ------------------------------------------

export interface ApplicationAnswer {
  applicationId: string
  userId: string
  approved: boolean
  /** the applicant's first pickup point (made on approval) */
  pointName: string
  /** a refusal: the admin's reason, as written */
  reason: string | null
}

/**
 * Tells the applicant in their Messages that they are now a leader, or why not. In-app only: it is
 * about no deal, and no WeChat subscription was asked for it. Once per application (its dedupe key),
 * in the caller's transaction; false if it was already told.
 */
export async function onApplicationReviewed(trx: Database, a: ApplicationAnswer, nowIso: string): Promise<boolean> {
  const inserted = await repo.insertMessages(trx, [
    {
      id: newId(),
      user_id: a.userId,
      kind: a.approved ? MessageKind.leaderApproved : MessageKind.leaderRejected,
      title: a.approved ? '团长申请已通过' : '团长申请未通过',
      body: a.approved
        ? `恭喜，你已成为团长，自提点「${a.pointName}」已开通。去团长工作台发布第一个团购吧`
        : `你的团长申请未通过：${a.reason ?? ''}。可以修改后重新申请`,
      facts: JSON.stringify({
        deal: '',
        point: a.pointName,
        amountFen: null,
        refundFen: null,
        pickupStart: null,
        pickupEnd: null,
        reason: null,
        ...(a.reason ? { note: a.reason } : {}),
      } satisfies MessageFacts),
      deal_id: null,
      order_id: null,
      dedupe_key: `leader_application:${a.applicationId}`,
      created_at: nowIso,
      read_at: null,
    },
  ])
  return inserted.size === 1
}

/** A supplier's application was answered (in-app only): the words are src/i18n's `messages.*.supplier_application_*`. */
export async function onSupplierApplicationReviewed(
  trx: Database,
  a: { supplierId: string; userId: string; approved: boolean; name: string; reason: string | null },
  nowIso: string,
): Promise<boolean> {
  return repo.insertMessage(trx, {
    id: newId(),
    user_id: a.userId,
    kind: a.approved ? MessageKind.supplierApproved : MessageKind.supplierRejected,
    title: a.approved ? '供货商申请已通过' : '供货商申请未通过',
    body: a.approved ? '恭喜，你已成为供货商。去供货商工作台发布第一个团购吧' : `你的供货商申请未通过：${a.reason ?? ''}。可以修改后重新申请`,
    facts: JSON.stringify({
      deal: '',
      point: a.name,
      amountFen: null,
      refundFen: null,
      pickupStart: null,
      pickupEnd: null,
      reason: null,
      ...(a.reason ? { note: a.reason } : {}),
    } satisfies MessageFacts),
    deal_id: null,
    order_id: null,
    // a rejected supplier may apply again: each review is its own message
    dedupe_key: `supplier_application:${a.supplierId}:${nowIso}`,
    created_at: nowIso,
    read_at: null,
  })
}

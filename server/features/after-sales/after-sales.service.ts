import type { AfterSalesView, CreateAfterSalesRequest, OrderAfterSalesResponse, User } from '../../../types/api'
import { AfterSalesDecision, AfterSalesReason, AfterSalesStatus, AfterSalesStep, RefundReason } from '../../../types/contract/statuses'
import {
  AFTER_SALES_MAX_PHOTOS,
  AfterSalesEvent,
  AfterSalesRefusal,
  type AfterSalesOrder,
  type Approval,
  type EarlierRequest,
  afterSalesWindowEndsAt,
  approvalOutcome,
  escalationRefusal,
  formatFen,
  fullRefundFen,
  maskName,
  nextAfterSalesStatus,
  refundableFen,
  requestRefusal,
} from '../../../src/domain'
import type { Database } from '../../db/database'
import { isUniqueViolation } from '../../db/errors'
import type { AppContext } from '../../http/context'
import { AppError, badRequest, notFound } from '../../http/errors'
import { newId } from '../../http/ids'
import { enqueueEvent } from '../notifications/notifications.service'
import { NotificationKind } from '../notifications/notifications.config'
import { recordRefund } from '../payments/payments.service'
import { refundSoon } from '../settlement/settlement.service'
import { readImage, UPLOADS_PREFIX } from '../uploads/uploads.service'
import * as repo from './after-sales.repository'
import { audit } from '../audit/audit'

/**
 * After-sales (售后, refund only): a shopper asks within the window after pickup; the point's leader
 * approves in full, in part, or refuses; a refusal may be escalated once and the operator decides.
 * Every approval refunds through recordRefund (one refund per request) with the order's row locked,
 * so two answers at once refund once and nothing ever exceeds what was paid.
 */

// ---- refusals ---------------------------------------------------------------------------------

const REFUSAL_WORDS: Record<AfterSalesRefusal, [number, string]> = {
  AFTER_SALES_NOT_PICKED_UP: [409, '订单提货后才能申请售后'],
  AFTER_SALES_WINDOW_CLOSED: [409, '已超过售后申请时间'],
  AFTER_SALES_BAD_QUANTITY: [400, '售后数量应在 1 到购买数量之间'],
  AFTER_SALES_ALREADY_OPEN: [409, '这个订单已有一个处理中的售后申请'],
  AFTER_SALES_NOTHING_LEFT: [409, '这个订单已没有可退的金额'],
  AFTER_SALES_FINAL: [409, '平台已对这个订单的售后作出最终决定'],
  AFTER_SALES_NOT_ESCALATABLE: [409, '只有被拒绝的售后申请可以申请平台介入'],
  AFTER_SALES_ALREADY_ESCALATED: [409, '每个订单只能申请一次平台介入'],
  AFTER_SALES_ESCALATION_CLOSED: [409, '已超过申请平台介入的时间'],
  AFTER_SALES_NOT_OPEN: [409, '这个售后申请已处理过了'],
  AFTER_SALES_BAD_AMOUNT: [400, '退款金额应至少 ¥0.01'],
  AFTER_SALES_AMOUNT_TOO_HIGH: [400, '退款金额不能超过订单剩余可退金额'],
}

function refused(code: AfterSalesRefusal, params?: Record<string, number>): AppError {
  const [status, message] = REFUSAL_WORDS[code]
  return new AppError(status, code, message, params)
}

const badPhoto = () => badRequest('AFTER_SALES_BAD_PHOTO', '照片需通过本应用上传')
const tooManyPhotos = () =>
  new AppError(400, 'AFTER_SALES_TOO_MANY_PHOTOS', `最多上传 ${AFTER_SALES_MAX_PHOTOS} 张照片`, { max: AFTER_SALES_MAX_PHOTOS })
const noRequest = () => notFound('售后申请')

// ---- reading ----------------------------------------------------------------------------------

const moneyOf = (o: {
  quantity: number
  unit_price_fen: number
  final_unit_price_fen: number | null
  paid_fen: number
  refund_fen: number
}): AfterSalesOrder => ({
  quantity: o.quantity,
  unitPriceFen: o.unit_price_fen,
  finalUnitPriceFen: o.final_unit_price_fen,
  paidFen: o.paid_fen,
  refundFen: o.refund_fen,
})

const earlierOf = (rows: Pick<repo.RequestRow, 'status' | 'escalated_at'>[]): EarlierRequest[] =>
  rows.map((r) => ({ status: r.status, escalated: r.escalated_at !== null }))

const parsePhotos = (text: string): string[] => {
  try {
    const value = JSON.parse(text)
    return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}

/** Requests as the contract shows them, each with its timeline; `canEscalate` from its order's other requests. */
async function views(ctx: AppContext, rows: repo.RequestWithOrder[]): Promise<AfterSalesView[]> {
  const events = await repo.eventsOf(
    ctx.db,
    rows.map((r) => r.id),
  )
  const byOrder = new Map<string, repo.RequestWithOrder[]>()
  for (const r of rows) byOrder.set(r.order_id, [...(byOrder.get(r.order_id) ?? []), r])
  const now = ctx.now()
  return rows.map((r) => ({
    id: r.id,
    orderId: r.order_id,
    status: r.status,
    quantity: r.quantity,
    reason: r.reason,
    note: r.note,
    photos: parsePhotos(r.photos),
    askedFen: r.asked_fen,
    approvedFen: r.approved_fen,
    leaderReason: r.leader_reason,
    escalationNote: r.escalation_note,
    decision: r.decision,
    decisionNote: r.decision_note,
    canEscalate:
      r.status === AfterSalesStatus.refused &&
      escalationRefusal(
        { status: r.status, answeredAt: r.answered_at },
        earlierOf(byOrder.get(r.order_id) ?? []),
        ctx.config.afterSalesWindowHours,
        now,
      ) === null,
    createdAt: r.created_at,
    answeredAt: r.answered_at,
    escalatedAt: r.escalated_at,
    decidedAt: r.decided_at,
    order: {
      dealTitle: r.deal_title,
      productName: r.product_name,
      productSpec: r.product_spec,
      quantity: r.order_quantity,
      paidFen: r.paid_fen,
      refundFen: r.refund_fen,
      refundableFen: refundableFen(r.paid_fen, r.refund_fen),
      pointName: r.point_name,
      shopper: maskName(r.nickname),
      pickedUpAt: r.picked_up_at,
    },
    timeline: events
      .filter((e) => e.request_id === r.id)
      .map((e) => ({ kind: e.kind, at: e.created_at, by: e.actor_role, status: e.status, amountFen: e.amount_fen, note: e.note })),
  }))
}

async function viewOf(ctx: AppContext, id: string): Promise<AfterSalesView> {
  const rows = await repo.requestsWithOrderByIds(ctx.db, [id])
  const [view] = await views(ctx, rows)
  return view
}

/** The owner's order, or 404 for anyone else (a delegate included): its existence is nobody else's business. */
async function ownOrder(ctx: AppContext, user: User, orderId: string): Promise<repo.OrderForAfterSales> {
  const order = await repo.findOrder(ctx.db, orderId)
  if (!order || order.user_id !== user.id) throw notFound('订单')
  return order
}

/** `GET /orders/:id/after-sales`: the order's requests and whether one may be asked now. */
export async function orderAfterSales(ctx: AppContext, user: User, orderId: string): Promise<OrderAfterSalesResponse> {
  const order = await ownOrder(ctx, user, orderId)
  const rows = await repo.requestsWithOrderOfOrder(ctx.db, orderId)
  const windowHours = ctx.config.afterSalesWindowHours
  const refusal = requestRefusal(
    { ...moneyOf(order), status: order.status, pickedUpAt: order.picked_up_at },
    earlierOf(rows),
    1,
    windowHours,
    ctx.now(),
  )
  return {
    requests: await views(ctx, rows),
    canRequest: refusal === null,
    refusal,
    windowEndsAt: order.picked_up_at ? afterSalesWindowEndsAt(order.picked_up_at, windowHours).toISOString() : null,
    refundableFen: refundableFen(order.paid_fen, order.refund_fen),
    maxPhotos: AFTER_SALES_MAX_PHOTOS,
  }
}

/** Only this server's own uploads, at most six, each still there. */
async function checkPhotos(ctx: AppContext, photos: string[]): Promise<string[]> {
  const unique = [...new Set(photos)]
  if (unique.length > AFTER_SALES_MAX_PHOTOS) throw tooManyPhotos()
  for (const url of unique) {
    if (!url.startsWith(UPLOADS_PREFIX)) throw badPhoto()
    const image = await readImage(ctx, url.slice(UPLOADS_PREFIX.length))
    if (!image) throw badPhoto()
  }
  return unique
}

/** Who may upload a photo for after-sales: a shopper with an order collected within the window. */
export function mayUploadPhotos(ctx: AppContext, user: User): Promise<boolean> {
  const since = new Date(ctx.now().getTime() - ctx.config.afterSalesWindowHours * 3_600_000).toISOString()
  return repo.hasOrderPickedUpSince(ctx.db, user.id, since)
}

// ---- messages ---------------------------------------------------------------------------------

const REASON_WORDS: Record<AfterSalesReason, string> = {
  spoiled: '变质/损坏',
  short_weight: '缺斤少两',
  wrong_item: '发错货',
  missing: '少发/漏发',
}

const thing = (s: string) => (s.length > 20 ? `${s.slice(0, 19)}…` : s)

interface Told {
  kind: NotificationKind
  userId: string
  title: string
  body: string
  amountFen: number | null
  page?: string
}

/** One message (in-app, and a subscription message where a template is set up) per step and reader. */
function tell(trx: Database, order: repo.OrderForAfterSales, requestId: string, told: Told, nowIso: string) {
  return enqueueEvent(
    trx,
    {
      kind: told.kind,
      userId: told.userId,
      dealId: order.deal_id,
      orderId: order.id,
      title: told.title,
      body: told.body,
      facts: {
        deal: order.deal_title,
        point: order.point_name,
        amountFen: told.amountFen,
        refundFen: null,
        pickupStart: null,
        pickupEnd: null,
        reason: null,
      },
      data: {
        thing1: thing(order.product_name),
        thing2: thing(told.title),
        ...(told.amountFen !== null ? { amount3: `${formatFen(told.amountFen).replace('¥', '')}元` } : {}),
      },
      page: told.page ?? `shopper/pages/order/index?id=${order.id}`,
      dedupeKey: `${told.kind}:${requestId}:${told.userId}`,
    },
    nowIso,
  )
}

const LEADER_PAGE = 'leader/pages/after-sales/index'

// ---- the shopper --------------------------------------------------------------------------------

/** `POST /orders/:id/after-sales`: ask for `quantity` units back, with a reason, a note and photos. */
export async function createRequest(ctx: AppContext, user: User, orderId: string, input: CreateAfterSalesRequest): Promise<AfterSalesView> {
  const order = await ownOrder(ctx, user, orderId)
  const photos = await checkPhotos(ctx, input.photos ?? [])
  const now = ctx.now()
  const nowIso = now.toISOString()
  const id = newId()
  let outcome: AfterSalesRefusal | null
  try {
    outcome = await ctx.db.transaction().execute(async (trx) => {
      const locked = await repo.lockOrder(trx, orderId)
      if (!locked) return AfterSalesRefusal.notPickedUp
      const earlier = await repo.requestsOfOrder(trx, orderId)
      const money = moneyOf(locked)
      const refusal = requestRefusal(
        { ...money, status: locked.status, pickedUpAt: locked.picked_up_at },
        earlierOf(earlier),
        input.quantity,
        ctx.config.afterSalesWindowHours,
        now,
      )
      if (refusal) return refusal
      const askedFen = fullRefundFen(money, input.quantity)
      await repo.insertRequest(trx, {
        id,
        order_id: orderId,
        user_id: user.id,
        pickup_point_id: order.pickup_point_id,
        quantity: input.quantity,
        reason: input.reason,
        note: (input.note ?? '').trim(),
        photos: JSON.stringify(photos),
        status: AfterSalesStatus.requested,
        asked_fen: askedFen,
        approved_fen: null,
        leader_reason: null,
        answered_by: null,
        escalation_note: null,
        decision: null,
        decision_note: null,
        decided_by: null,
        created_at: nowIso,
        answered_at: null,
        escalated_at: null,
        decided_at: null,
        updated_at: nowIso,
      })
      await step(
        trx,
        id,
        orderId,
        AfterSalesStep.asked,
        user.id,
        'shopper',
        AfterSalesStatus.requested,
        askedFen,
        (input.note ?? '').trim() || null,
        nowIso,
      )
      const line = `「${order.deal_title}」${input.quantity}件，${REASON_WORDS[input.reason]}，申请退款 ${formatFen(askedFen)}`
      await tell(
        trx,
        order,
        id,
        { kind: NotificationKind.afterSalesRequested, userId: user.id, title: '售后申请已提交', body: `${line}，等待团长处理`, amountFen: askedFen },
        nowIso,
      )
      if (order.point_leader_id !== user.id) {
        await tell(
          trx,
          order,
          id,
          {
            kind: NotificationKind.afterSalesRequested,
            userId: order.point_leader_id,
            title: '新的售后申请',
            body: `${line}，请尽快处理`,
            amountFen: askedFen,
            page: LEADER_PAGE,
          },
          nowIso,
        )
      }
      return null
    })
  } catch (error) {
    // a second request raced this one: the one-open-request index let only one in
    if (isUniqueViolation(error)) throw refused(AfterSalesRefusal.alreadyOpen)
    throw error
  }
  if (outcome) throw refused(outcome)
  return viewOf(ctx, id)
}

async function step(
  trx: Database,
  requestId: string,
  orderId: string,
  kind: AfterSalesStep,
  actorId: string,
  role: 'shopper' | 'leader' | 'admin' | 'system',
  status: AfterSalesStatus,
  amountFen: number | null,
  note: string | null,
  nowIso: string,
) {
  await repo.insertEvent(trx, {
    id: newId(),
    request_id: requestId,
    order_id: orderId,
    kind,
    actor_id: actorId,
    actor_role: role,
    status,
    amount_fen: amountFen,
    note,
    created_at: nowIso,
  })
}

/** A shopper's own request (with its order), or 404. */
async function ownRequest(ctx: AppContext, user: User, id: string) {
  const request = await repo.findRequest(ctx.db, id)
  if (!request || request.user_id !== user.id) throw noRequest()
  return request
}

/** `POST /after-sales/:id/escalate`: the shopper asks the operator to look at a refusal (once per order). */
export async function escalate(ctx: AppContext, user: User, id: string, note: string): Promise<AfterSalesView> {
  const request = await ownRequest(ctx, user, id)
  const order = (await repo.findOrder(ctx.db, request.order_id))!
  const now = ctx.now()
  const nowIso = now.toISOString()
  const text = note.trim()
  let outcome: AfterSalesRefusal | null
  try {
    outcome = await ctx.db.transaction().execute(async (trx) => {
      await repo.lockOrder(trx, request.order_id)
      const fresh = (await repo.findRequest(trx, id))!
      const earlier = await repo.requestsOfOrder(trx, request.order_id)
      const refusal = escalationRefusal(
        { status: fresh.status, answeredAt: fresh.answered_at },
        earlierOf(earlier),
        ctx.config.afterSalesWindowHours,
        now,
      )
      if (refusal) return refusal
      const to = nextAfterSalesStatus(fresh.status, AfterSalesEvent.escalate)
      const moved = await repo.moveRequest(trx, id, fresh.status, {
        status: to,
        escalation_note: text || null,
        escalated_at: nowIso,
        updated_at: nowIso,
      })
      if (!moved) return AfterSalesRefusal.alreadyEscalated
      await step(trx, id, request.order_id, AfterSalesStep.escalated, user.id, 'shopper', to, null, text || null, nowIso)
      const body = `「${order.deal_title}」的售后申请已提交平台处理，平台的决定为最终结果`
      await tell(
        trx,
        order,
        id,
        { kind: NotificationKind.afterSalesEscalated, userId: user.id, title: '已申请平台介入', body, amountFen: null },
        nowIso,
      )
      await tell(
        trx,
        order,
        id,
        {
          kind: NotificationKind.afterSalesEscalated,
          userId: order.point_leader_id,
          title: '售后申请已转平台',
          body: `「${order.deal_title}」被拒绝的售后申请已由顾客提交平台处理`,
          amountFen: null,
          page: LEADER_PAGE,
        },
        nowIso,
      )
      return null
    })
  } catch (error) {
    // another request of the order is open meanwhile: one at a time
    if (isUniqueViolation(error)) throw refused(AfterSalesRefusal.alreadyOpen)
    throw error
  }
  if (outcome) throw refused(outcome)
  return viewOf(ctx, id)
}

// ---- refunds (the leader's approval and the operator's decision) --------------------------------

interface Answer {
  event: AfterSalesEvent
  approval: Approval | null
  actor: User
  role: 'leader' | 'admin'
  patch: (nowIso: string, amountFen: number | null) => Partial<repo.RequestRow>
  stepKind: AfterSalesStep
  note: string | null
  told: (order: repo.OrderForAfterSales, request: repo.RequestRow, amountFen: number | null) => Told
}

/**
 * Move a request on and, with an approval, owe its refund: under the order's row lock, the request
 * read again (only from the status it was in), the amount from what is left right now, and one
 * refund per request (the refunds table's key). The provider is asked after commit.
 */
async function answer(ctx: AppContext, request: repo.RequestRow, a: Answer): Promise<AfterSalesView> {
  const order = (await repo.findOrder(ctx.db, request.order_id))!
  const nowIso = ctx.now().toISOString()
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const locked = (await repo.lockOrder(trx, request.order_id))!
    const fresh = (await repo.findRequest(trx, request.id))!
    let amountFen: number | null = null
    if (a.approval) {
      const result = approvalOutcome(fresh.status, a.event, moneyOf(locked), fresh.quantity, a.approval)
      if ('refusal' in result) return { refusal: result.refusal, left: refundableFen(locked.paid_fen, locked.refund_fen) }
      amountFen = result.amountFen
    }
    const to = (() => {
      try {
        return nextAfterSalesStatus(fresh.status, a.event)
      } catch {
        return null
      }
    })()
    if (!to || !(await repo.moveRequest(trx, request.id, fresh.status, { status: to, updated_at: nowIso, ...a.patch(nowIso, amountFen) }))) {
      return { refusal: AfterSalesRefusal.notOpen, left: 0 }
    }
    await step(trx, request.id, request.order_id, a.stepKind, a.actor.id, a.role, to, amountFen, a.note, nowIso)
    if (amountFen !== null) {
      await recordRefund(trx, request.order_id, amountFen, RefundReason.afterSales, nowIso, request.id)
      await step(trx, request.id, request.order_id, AfterSalesStep.refunded, a.actor.id, 'system', to, amountFen, null, nowIso)
    }
    await tell(trx, order, request.id, a.told(order, fresh, amountFen), nowIso)
    // the operator's decision on an escalation is an admin action: in the audit log, in this transaction
    if (a.role === 'admin') {
      await audit(
        trx,
        {
          actorId: a.actor.id,
          action: 'after_sales.decide',
          targetKind: 'after_sales',
          targetId: request.id,
          before: { status: fresh.status },
          after: { status: to, decision: amountFen === null ? 'uphold' : 'refund', amountFen, note: a.note },
        },
        nowIso,
      )
    }
    return { refusal: null, left: 0 }
  })
  if (outcome.refusal) {
    throw refused(outcome.refusal, outcome.refusal === AfterSalesRefusal.amountTooHigh ? { leftFen: outcome.left } : undefined)
  }
  await refundSoon(ctx)
  return viewOf(ctx, request.id)
}

// ---- the leader ---------------------------------------------------------------------------------

/** A request at one of the leader's own points, or 404 (another leader's point looks like nothing). */
async function requestAtLeaderPoint(ctx: AppContext, user: User, id: string): Promise<repo.RequestRow> {
  const [row] = await repo.requestsWithOrderByIds(ctx.db, [id])
  if (!row || row.point_leader_id !== user.id) throw noRequest()
  return row
}

/** `GET /leader/after-sales`: requests at the leader's points, waiting ones first, then newest. */
export async function leaderRequests(ctx: AppContext, user: User): Promise<AfterSalesView[]> {
  const rows = await repo.requestsAtLeaderPoints(ctx.db, user.id)
  const waiting = (r: repo.RequestWithOrder) => (r.status === AfterSalesStatus.requested ? 0 : 1)
  rows.sort((a, b) => waiting(a) - waiting(b) || b.created_at.localeCompare(a.created_at))
  return views(ctx, rows)
}

/** `POST /leader/after-sales/:id/approve`: in full (no amount) or the part she sets (at most what is left). */
export async function approve(ctx: AppContext, user: User, id: string, amountFen: number | undefined): Promise<AfterSalesView> {
  const request = await requestAtLeaderPoint(ctx, user, id)
  const part = amountFen !== undefined
  return answer(ctx, request, {
    event: part ? AfterSalesEvent.approvePart : AfterSalesEvent.approve,
    approval: part ? { kind: 'part', amountFen } : { kind: 'full' },
    actor: user,
    role: 'leader',
    patch: (nowIso, fen) => ({ approved_fen: fen, answered_by: user.id, answered_at: nowIso }),
    stepKind: AfterSalesStep.answered,
    note: null,
    told: (order, _r, fen) => ({
      kind: NotificationKind.afterSalesApproved,
      userId: order.user_id,
      title: part ? '售后已部分同意' : '售后已同意',
      body: `「${order.deal_title}」的售后申请已${part ? '部分' : ''}同意，退款 ${formatFen(fen ?? 0)} 将原路退回`,
      amountFen: fen,
    }),
  })
}

/** `POST /leader/after-sales/:id/refuse`: with her reason; the shopper may escalate once. */
export async function refuse(ctx: AppContext, user: User, id: string, reason: string): Promise<AfterSalesView> {
  const request = await requestAtLeaderPoint(ctx, user, id)
  const text = reason.trim()
  if (!text) throw badRequest('AFTER_SALES_REASON_REQUIRED', '请填写拒绝原因')
  return answer(ctx, request, {
    event: AfterSalesEvent.refuse,
    approval: null,
    actor: user,
    role: 'leader',
    patch: (nowIso) => ({ leader_reason: text, answered_by: user.id, answered_at: nowIso }),
    stepKind: AfterSalesStep.answered,
    note: text,
    told: (order) => ({
      kind: NotificationKind.afterSalesRefused,
      userId: order.user_id,
      title: '售后申请未通过',
      body: `「${order.deal_title}」的售后申请未通过：${text}。如有异议，可申请平台介入（仅一次）`,
      amountFen: null,
    }),
  })
}

// ---- the operator -------------------------------------------------------------------------------

/** `GET /admin/after-sales`: every escalation, waiting ones first. */
export async function escalations(ctx: AppContext): Promise<AfterSalesView[]> {
  const rows = await repo.escalatedRequests(ctx.db)
  const waiting = (r: repo.RequestWithOrder) => (r.status === AfterSalesStatus.escalated ? 0 : 1)
  rows.sort((a, b) => waiting(a) - waiting(b) || (b.escalated_at ?? '').localeCompare(a.escalated_at ?? ''))
  return views(ctx, rows)
}

/** `POST /admin/after-sales/:id/decide`: refund (an amount, or in full) or uphold the refusal. Final. */
export async function decide(
  ctx: AppContext,
  admin: User,
  id: string,
  input: { decision: AfterSalesDecision; amountFen?: number; note?: string },
): Promise<AfterSalesView> {
  const request = await repo.findRequest(ctx.db, id)
  if (!request) throw noRequest()
  const refund = input.decision === AfterSalesDecision.refund
  const note = (input.note ?? '').trim() || null
  return answer(ctx, request, {
    event: AfterSalesEvent.decide,
    approval: refund ? (input.amountFen !== undefined ? { kind: 'part', amountFen: input.amountFen } : { kind: 'full' }) : null,
    actor: admin,
    role: 'admin',
    patch: (nowIso, fen) => ({
      decision: input.decision,
      decision_note: note,
      decided_by: admin.id,
      decided_at: nowIso,
      ...(refund ? { approved_fen: fen } : {}),
    }),
    stepKind: AfterSalesStep.decided,
    note,
    told: (order, _r, fen) => ({
      kind: NotificationKind.afterSalesDecided,
      userId: order.user_id,
      title: '平台已处理售后',
      body: refund
        ? `「${order.deal_title}」平台决定退款 ${formatFen(fen ?? 0)}，将原路退回`
        : `「${order.deal_title}」平台维持团长的决定${note ? `：${note}` : ''}`,
      amountFen: fen,
    }),
  })
}

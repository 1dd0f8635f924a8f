import type {
  AdminAuditEntry,
  AdminAuditResponse,
  AdminDayFigures,
  AdminDeal,
  AdminDealDetail,
  AdminDealEvent,
  AdminDealListResponse,
  AdminOrder,
  AdminOverview,
  AdminPerson,
  AdminRefund,
  AdminSellerFigures,
  Role,
} from '../../../types/api'
import type { DealStatus, RefundStatus } from '../../../types/contract/statuses'
import { shanghaiDate, shanghaiDayRange } from '../../../src/domain'
import type { AppContext } from '../../http/context'
import { AppError, conflict, notFound } from '../../http/errors'
import { audit } from '../audit/audit'
import { processPendingRefunds } from '../payments/payments.service'
import * as repo from './admin.repository'

const DAY_MS = 24 * 3600_000
const n = (v: unknown) => Number(v ?? 0)

// -- who may sell -----------------------------------------------------------------------------------------

/** When the operator suspended this user (a leader or supplier), else null. */
export async function suspendedAt(ctx: AppContext, userId: string): Promise<string | null> {
  return repo.userSuspendedAt(ctx.db, userId)
}

/** 403 ACCOUNT_SUSPENDED for a suspended leader or supplier: no new deals, no publishing. */
export async function assertNotSuspended(ctx: AppContext, userId: string): Promise<void> {
  if (await suspendedAt(ctx, userId)) throw new AppError(403, 'ACCOUNT_SUSPENDED', '账号已被平台暂停，暂不能开团或发布团购')
}

// -- overview -----------------------------------------------------------------------------------------------

const rateBps = (refundFen: number, gmvFen: number) => (gmvFen > 0 ? Math.round((refundFen * 10_000) / gmvFen) : 0)

function emptyDay(day: string): AdminDayFigures {
  return { day, orders: 0, gmvFen: 0, refundFen: 0, refundRateBps: 0 }
}

function ranked(map: Map<string, AdminSellerFigures>, limit = 20): AdminSellerFigures[] {
  return [...map.values()].sort((a, b) => b.gmvFen - a.gmvFen || b.orders - a.orders || a.name.localeCompare(b.name)).slice(0, limit)
}

/** Today's figures and each of the last `days` Shanghai days, per leader and per supplier over them. */
export async function overview(ctx: AppContext, days: number): Promise<AdminOverview> {
  const now = ctx.now().getTime()
  const dayList = Array.from({ length: days }, (_, i) => shanghaiDate(now - (days - 1 - i) * DAY_MS))
  const since = shanghaiDayRange(dayList[0])!.start.toISOString()
  const [paid, refunded, waiting] = await Promise.all([
    repo.paidOrdersSince(ctx.db, since),
    repo.refundsOfOrdersPaidSince(ctx.db, since),
    repo.waitingCounts(ctx.db),
  ])
  const byDay = new Map(dayList.map((d) => [d, emptyDay(d)]))
  const leaders = new Map<string, AdminSellerFigures>()
  const suppliers = new Map<string, AdminSellerFigures>()
  const add = (map: Map<string, AdminSellerFigures>, id: string, name: string, paidFen: number, refundFen: number) => {
    const row = map.get(id) ?? { id, name, orders: 0, gmvFen: 0, refundFen: 0 }
    row.orders += 1
    row.gmvFen += paidFen
    row.refundFen += refundFen
    map.set(id, row)
  }
  for (const o of paid) {
    const day = byDay.get(shanghaiDate(o.paid_at!))
    if (!day) continue
    const paidFen = n(o.paid_fen)
    const refundFen = refunded.get(o.id) ?? 0
    day.orders += 1
    day.gmvFen += paidFen
    day.refundFen += refundFen
    add(leaders, o.leader_id, o.leader_nickname, paidFen, refundFen)
    if (o.supplier_id) add(suppliers, o.supplier_id, o.supplier_name ?? '', paidFen, refundFen)
  }
  const list = dayList.map((d) => {
    const day = byDay.get(d)!
    return { ...day, refundRateBps: rateBps(day.refundFen, day.gmvFen) }
  })
  const { openDeals, ...rest } = waiting
  return { today: list[list.length - 1], days: list, leaders: ranked(leaders), suppliers: ranked(suppliers), waiting: rest, openDeals }
}

// -- deals --------------------------------------------------------------------------------------------------

function toDeal(r: repo.AdminDealRow): AdminDeal {
  return {
    id: r.id,
    title: r.title,
    status: r.status,
    leader: { id: r.leader_id, name: r.leader_nickname },
    supplier: r.supplier_id ? { id: r.supplier_id, name: r.supplier_name ?? '' } : null,
    participants: n(r.participant_count),
    units: n(r.active_units),
    orders: n(r.paid_orders),
    gmvFen: n(r.gmv_fen),
    refundFen: n(r.refund_fen),
    listPriceFen: n(r.list_price_fen),
    finalUnitPriceFen: r.final_unit_price_fen === null ? null : n(r.final_unit_price_fen),
    commissionBps: r.commission_bps === null || r.commission_bps === undefined ? null : n(r.commission_bps),
    cutoffAt: r.cutoff_at,
    createdAt: r.created_at,
    settledAt: r.settled_at,
  }
}

export async function deals(
  ctx: AppContext,
  filter: { q?: string; status?: DealStatus },
  page: { offset: number; limit: number },
): Promise<AdminDealListResponse> {
  const [rows, total] = await Promise.all([repo.listDeals(ctx.db, filter, page), repo.countDeals(ctx.db, filter)])
  const next = page.offset + rows.length
  return { deals: rows.map(toDeal), total, nextOffset: next < total ? next : null }
}

const DEAL_ORDERS_SHOWN = 500

export async function deal(ctx: AppContext, id: string): Promise<AdminDealDetail> {
  const row = await repo.findDeal(ctx.db, id)
  if (!row) throw notFound('团购')
  const [points, dealOrders, dealRefunds, arrivals, entries] = await Promise.all([
    repo.pointsOfDeal(ctx.db, id),
    repo.ordersOfDeal(ctx.db, id, DEAL_ORDERS_SHOWN),
    repo.listRefunds(ctx.db, { dealId: id }, DEAL_ORDERS_SHOWN),
    repo.arrivalsOfDeal(ctx.db, id),
    repo.listAuditWithActors(ctx.db, { targetKind: 'deal', targetId: id }, 100),
  ])
  const timeline: AdminDealEvent[] = [{ kind: 'created', at: row.created_at, detail: row.leader_nickname }]
  if (row.published_at) timeline.push({ kind: 'published', at: row.published_at, detail: '' })
  if (row.settled_at) timeline.push({ kind: 'settled', at: row.settled_at, detail: row.status })
  for (const a of arrivals) timeline.push({ kind: 'arrived', at: a.arrived_at, detail: a.name })
  if (row.completed_at) timeline.push({ kind: 'completed', at: row.completed_at, detail: '' })
  for (const e of entries) timeline.push({ kind: 'admin', at: e.created_at, detail: e.action })
  timeline.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
  return {
    deal: toDeal(row),
    points: points.map((p) => ({ id: p.id, name: p.name, leader: p.leader, orders: p.orders, units: p.units })),
    orders: dealOrders.map((o) => toOrder(o, [])),
    refunds: dealRefunds.map(toRefund),
    timeline,
  }
}

/** The operator's rate for one deal, until it settles (then the rate is frozen on its orders): 409 after. */
export async function setDealCommission(ctx: AppContext, adminId: string, dealId: string, commissionBps: number | null): Promise<AdminDeal> {
  const nowIso = ctx.now().toISOString()
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findDeal(trx, dealId)
    if (!before) throw notFound('团购')
    if (before.settled_at) throw settled()
    // conditional on settled_at still null: a settlement that got there first wins, and nothing changes
    if (!(await repo.setDealCommission(trx, dealId, commissionBps, nowIso))) throw settled()
    await audit(
      trx,
      {
        actorId: adminId,
        action: 'deal.commission',
        targetKind: 'deal',
        targetId: dealId,
        before: { commissionBps: before.commission_bps ?? null },
        after: { commissionBps },
      },
      nowIso,
    )
  })
  return toDeal((await repo.findDeal(ctx.db, dealId))!)
}

const settled = () => conflict('DEAL_ALREADY_SETTLED', '这个团购已经结算，佣金比例已锁定在订单上，不能再改')

// -- orders -------------------------------------------------------------------------------------------------

const phoneTail = (phone: string | null) => (phone && phone.length >= 4 ? phone.slice(-4) : null)

function matchedBy(o: repo.AdminOrderRow, q: string): AdminOrder['matchedBy'] {
  if (!q) return []
  const keys: AdminOrder['matchedBy'] = []
  if (o.id === q) keys.push('id')
  if (o.pickup_code === q) keys.push('pickup_code')
  if (/^\d{4,11}$/.test(q) && (o.shopper_phone ?? '').endsWith(q)) keys.push('phone')
  if (o.shopper_nickname.toLowerCase().includes(q.toLowerCase())) keys.push('nickname')
  return keys
}

function toOrder(o: repo.AdminOrderRow, keys: AdminOrder['matchedBy']): AdminOrder {
  return {
    id: o.id,
    dealId: o.deal_id,
    dealTitle: o.deal_title,
    status: o.status,
    quantity: n(o.quantity),
    unitPriceFen: n(o.unit_price_fen),
    paidFen: n(o.paid_fen),
    refundFen: n(o.refund_fen),
    pickupCode: o.pickup_code,
    shopper: { id: o.user_id, nickname: o.shopper_nickname, phoneTail: phoneTail(o.shopper_phone) },
    point: { id: o.pickup_point_id, name: o.point_name },
    leader: { id: o.leader_id, name: o.leader_nickname },
    createdAt: o.created_at,
    paidAt: o.paid_at,
    pickedUpAt: o.picked_up_at,
    matchedBy: keys,
  }
}

/** By order id, pickup code, phone tail or nickname (any of them); no words: the newest orders. */
export async function orders(ctx: AppContext, query: { q?: string; dealId?: string; limit: number }): Promise<AdminOrder[]> {
  const q = (query.q ?? '').trim()
  if (query.dealId) return (await repo.ordersOfDeal(ctx.db, query.dealId, query.limit)).map((o) => toOrder(o, matchedBy(o, q)))
  const rows = q ? await repo.searchOrders(ctx.db, q, query.limit) : await repo.recentOrders(ctx.db, query.limit)
  return rows.map((o) => toOrder(o, matchedBy(o, q)))
}

// -- refunds ------------------------------------------------------------------------------------------------

/** Worth sending again: the provider gave up (abnormal, closed), or it is still owed (pending: send now). */
const RETRYABLE: RefundStatus[] = ['abnormal', 'closed', 'pending']

function isAbnormal(r: { status: RefundStatus; attempts: number }) {
  return r.status === 'abnormal' || r.status === 'closed' || (r.status === 'pending' && r.attempts >= repo.ABNORMAL_AFTER_ATTEMPTS)
}

function toRefund(r: repo.AdminRefundRow): AdminRefund {
  const attempts = n(r.attempts)
  return {
    id: r.id,
    orderId: r.order_id,
    dealId: r.deal_id,
    dealTitle: r.deal_title,
    shopper: r.shopper,
    amountFen: n(r.amount_fen),
    reason: r.reason,
    status: r.status,
    attempts,
    lastError: r.last_error,
    providerRef: r.provider_ref,
    createdAt: r.created_at,
    nextAttemptAt: r.next_attempt_at,
    abnormal: isAbnormal({ status: r.status, attempts }),
    retryable: RETRYABLE.includes(r.status),
  }
}

export async function refunds(ctx: AppContext, filter: { status?: RefundStatus; abnormal?: boolean }, limit: number): Promise<AdminRefund[]> {
  return (await repo.listRefunds(ctx.db, filter, limit)).map(toRefund)
}

/**
 * Send a refund again: its row goes back to pending with a clean slate (audited), and the provider
 * is asked at once (the same refund id: the provider refunds it once however often it is asked).
 */
export async function retryRefund(ctx: AppContext, adminId: string, id: string): Promise<AdminRefund> {
  const nowIso = ctx.now().toISOString()
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findRefund(trx, id)
    if (!before) throw notFound('退款')
    if (!RETRYABLE.includes(before.status) || !(await repo.resetRefund(trx, id, before.status))) {
      throw conflict('REFUND_NOT_RETRYABLE', before.status === 'succeeded' ? '这笔退款已经退成功了' : '这笔退款正在处理中，不能重试')
    }
    await audit(
      trx,
      {
        actorId: adminId,
        action: 'refund.retry',
        targetKind: 'refund',
        targetId: id,
        before: { status: before.status, attempts: n(before.attempts), lastError: before.last_error },
        after: { status: 'pending', attempts: 0, lastError: null },
      },
      nowIso,
    )
  })
  try {
    await processPendingRefunds(ctx)
  } catch {
    // the sweeper sends it on its next pass
  }
  return toRefund((await repo.findRefund(ctx.db, id))!)
}

// -- people -------------------------------------------------------------------------------------------------

function toPerson(p: repo.PersonRow): AdminPerson {
  return {
    id: p.id,
    nickname: p.nickname,
    roles: p.roles.split(',').filter(Boolean) as Role[],
    phone: p.phone ?? p.supplier_phone ?? null,
    commissionBps: p.commission_bps === null ? null : n(p.commission_bps),
    suspendedAt: p.suspended_at ?? null,
    supplier: p.supplier_id ? { id: p.supplier_id, name: p.supplier_name ?? '', status: p.supplier_status ?? '' } : null,
    points: n(p.points),
    deals: n(p.deals),
    openDeals: n(p.open_deals),
    createdAt: p.created_at,
  }
}

export async function people(ctx: AppContext, filter: repo.PeopleFilter, limit = 500): Promise<AdminPerson[]> {
  return (await repo.listPeople(ctx.db, filter, limit)).map(toPerson)
}

const isSeller = (p: AdminPerson) => p.roles.includes('leader') || p.supplier !== null

async function person(ctx: AppContext, userId: string): Promise<AdminPerson> {
  const row = await repo.findPerson(ctx.db, userId)
  if (!row) throw notFound('用户')
  return toPerson(row)
}

/** Suspend a leader or supplier (no new deals, no publishing, no payouts), or lift it; audited. */
export async function setSuspension(ctx: AppContext, adminId: string, userId: string, suspend: boolean, reason?: string): Promise<AdminPerson> {
  const nowIso = ctx.now().toISOString()
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findPerson(trx, userId)
    if (!row) throw notFound('用户')
    const before = toPerson(row)
    if (!isSeller(before)) throw conflict('NOT_A_SELLER', '只能暂停团长或供货商')
    if (suspend && before.suspendedAt) throw conflict('ALREADY_SUSPENDED', '这个账号已经暂停了')
    if (!suspend && !before.suspendedAt) throw conflict('NOT_SUSPENDED', '这个账号没有被暂停')
    await repo.setSuspended(trx, userId, suspend ? nowIso : null, nowIso)
    await audit(
      trx,
      {
        actorId: adminId,
        action: suspend ? 'user.suspend' : 'user.unsuspend',
        targetKind: 'user',
        targetId: userId,
        before: { suspendedAt: before.suspendedAt },
        after: { suspendedAt: suspend ? nowIso : null, ...(reason?.trim() ? { reason: reason.trim() } : {}) },
      },
      nowIso,
    )
  })
  return person(ctx, userId)
}

/** A leader's own rate: for the deals that settle from now on (settled orders keep theirs); audited. */
export async function setUserCommission(ctx: AppContext, adminId: string, userId: string, commissionBps: number): Promise<AdminPerson> {
  const nowIso = ctx.now().toISOString()
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findPerson(trx, userId)
    if (!row) throw notFound('用户')
    const before = toPerson(row)
    if (!before.roles.includes('leader')) throw conflict('NOT_A_LEADER', '只有团长有佣金比例')
    if (before.commissionBps === commissionBps) return
    await repo.setUserCommission(trx, userId, commissionBps)
    await audit(
      trx,
      {
        actorId: adminId,
        action: 'user.commission',
        targetKind: 'user',
        targetId: userId,
        before: { commissionBps: before.commissionBps },
        after: { commissionBps },
      },
      nowIso,
    )
  })
  return person(ctx, userId)
}

// -- the audit log ------------------------------------------------------------------------------------------

const parsed = (text: string | null): unknown => {
  if (text === null) return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export async function auditLog(
  ctx: AppContext,
  filter: { targetKind?: string; targetId?: string; action?: string; before?: string },
  limit: number,
): Promise<AdminAuditResponse> {
  const rows = await repo.listAuditWithActors(ctx.db, filter, limit)
  const entries: AdminAuditEntry[] = rows.map((r) => ({
    id: r.id,
    actor: { id: r.actor_id, name: r.actor_nickname ?? r.actor_id },
    action: r.action,
    targetKind: r.target_kind,
    targetId: r.target_id,
    before: parsed(r.before),
    after: parsed(r.after),
    createdAt: r.created_at,
  }))
  return { entries, nextBefore: rows.length === limit ? rows[rows.length - 1].created_at : null }
}

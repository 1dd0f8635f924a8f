import type { User } from '../../../types/api'
import { OrderStatus } from '../../../types/api'
import { OrderEvent, formatShanghai, graceEndsAt, maskName, nextOrderStatus } from '../../../src/domain'
import type { Database } from '../../db/database'
import type { AppContext } from '../../http/context'
import { conflict, notFound } from '../../http/errors'
import { enqueueEvent } from '../notifications/notifications.service'
import { NotificationKind } from '../notifications/notifications.config'
import { processPendingRefunds, recordRefund } from '../payments/payments.service'
import { postCommission } from '../ledger/ledger-postings'
import * as repo from './no-shows.repository'
import * as pickups from './pickups.repository'

/**
 * No-shows: when a pickup window closes, codes keep working for a grace period
 * (config.noShowGraceDays); each waiting shopper is reminded once at its start. After it, orders
 * still waiting become `unclaimed` and their shopper is told; the leader may still hand one out late
 * (with a note) or refund it in full. Both sweeper steps are idempotent and safe from two processes:
 * the status change is a conditional UPDATE and each message has a dedupe key.
 */

const DAY_MS = 24 * 3_600_000
const thing = (s: string) => (s.length > 20 ? `${s.slice(0, 19)}…` : s)
const time = (iso: string) => formatShanghai(iso, 'YYYY-MM-DD HH:mm')
const orderPage = (orderId: string) => `shopper/pages/order/index?id=${orderId}`

type Facts = Awaited<ReturnType<typeof repo.orderFactsOf>>

function facts(o: Facts, graceEnd: string) {
  // pickupEnd carries the end of the grace period: the last moment the code works
  return { deal: o.title, point: o.point_name, amountFen: null, refundFen: null, pickupStart: o.pickup_end, pickupEnd: graceEnd, reason: null }
}

/** 提货期已过: remind shoppers whose goods still wait that their code works until the grace period ends. */
export async function enqueueGraceReminders(ctx: AppContext): Promise<number> {
  const now = ctx.now()
  const graceMs = ctx.config.noShowGraceDays * DAY_MS
  const due = await repo.ordersInGrace(ctx.db, now.toISOString(), new Date(now.getTime() - graceMs).toISOString())
  let count = 0
  for (const o of due) {
    const graceEnd = graceEndsAt(o.pickup_end, ctx.config.noShowGraceDays).toISOString()
    const made = await ctx.db.transaction().execute((trx) =>
      enqueueEvent(
        trx,
        {
          kind: NotificationKind.graceReminder,
          userId: o.user_id,
          dealId: o.deal_id,
          orderId: o.id,
          title: '提货时间已过，还可以来取',
          body: `「${o.title}」的提货时间已过，自提点「${o.point_name}」为你保留到 ${time(graceEnd)}，逾期将转为未提货`,
          facts: facts(o, graceEnd),
          data: { thing1: thing(o.product_name), thing2: thing(o.point_name), time3: time(graceEnd) },
          page: orderPage(o.id),
        },
        now.toISOString(),
      ),
    )
    if (made) count++
  }
  return count
}

/** After the grace period: waiting orders become unclaimed, each shopper told once. */
export async function markUnclaimedOrders(ctx: AppContext): Promise<number> {
  const now = ctx.now()
  const nowIso = now.toISOString()
  const cutoff = new Date(now.getTime() - ctx.config.noShowGraceDays * DAY_MS).toISOString()
  let count = 0
  for (const id of await repo.dueUnclaimed(ctx.db, cutoff)) {
    const moved = await ctx.db.transaction().execute(async (trx) => {
      const o = await repo.orderFactsOf(trx, id)
      // confirmed and ready both move the same way (the domain's table says so)
      if (!(await repo.markUnclaimed(trx, id, nextOrderStatus(OrderStatus.ready, OrderEvent.unclaim), nowIso))) return false
      await pickups.spendDelegations(trx, id, nowIso)
      await tellUnclaimed(trx, o, graceEndsAt(o.pickup_end, ctx.config.noShowGraceDays).toISOString(), nowIso)
      return true
    })
    if (moved) count++
  }
  return count
}

function tellUnclaimed(trx: Database, o: Facts, graceEnd: string, nowIso: string) {
  return enqueueEvent(
    trx,
    {
      kind: NotificationKind.orderUnclaimed,
      userId: o.user_id,
      dealId: o.deal_id,
      orderId: o.id,
      title: '订单未提货',
      body: `「${o.title}」在自提点「${o.point_name}」保留到 ${time(graceEnd)} 仍未提货，已转为未提货。请联系团长补提或退款`,
      facts: facts(o, graceEnd),
      data: { thing1: thing(o.product_name), thing2: thing(o.point_name), time3: time(graceEnd) },
      page: orderPage(o.id),
    },
    nowIso,
  )
}

/** The leader's unclaimed orders, at all her points. */
export async function listUnclaimed(ctx: AppContext, leader: User) {
  const { own } = await pickups.verifierPointIds(ctx.db, leader.id)
  if (own.length === 0) return { orders: [] }
  const rows = await pickups.unclaimedAt(ctx.db, own)
  return {
    orders: rows.map((r) => ({
      id: r.id,
      dealId: r.deal_id,
      dealTitle: r.deal_title,
      product: { name: r.product_name, spec: r.product_spec },
      shopper: maskName(r.nickname),
      quantity: r.quantity,
      pickupPoint: { id: r.pickup_point_id, name: r.point_name },
      pickupEnd: r.pickup_end,
      unclaimedAt: r.unclaimed_at ?? null,
      refundableFen: Math.max(0, r.paid_fen - r.refund_fen),
    })),
  }
}

/** The leader's unclaimed order at one of her points; anyone else's is not found. */
async function ownUnclaimed(ctx: AppContext, leader: User, id: string) {
  const row = await pickups.findById(ctx.db, id)
  if (!row || row.point_leader_id !== leader.id) throw notFound('订单')
  if (row.status !== OrderStatus.unclaimed) throw conflict('ORDER_NOT_UNCLAIMED', '只有未提货的订单可以补登提货或退款')
  return row
}

async function actionResult(ctx: AppContext, id: string) {
  const row = await repo.orderOutcome(ctx.db, id)
  return {
    order: { id: row.id, status: row.status, pickedUpAt: row.picked_up_at, latePickupNote: row.late_pickup_note ?? null, refundFen: row.refund_fen },
  }
}

/** 补登提货: the shopper came after all; the leader hands it out and says why, late. */
export async function pickUpLate(ctx: AppContext, leader: User, id: string, note: string) {
  await ownUnclaimed(ctx, leader, id)
  const nowIso = ctx.now().toISOString()
  const moved = await ctx.db.transaction().execute(async (trx) => {
    if (!(await pickups.markPickedUpLate(trx, id, nextOrderStatus(OrderStatus.unclaimed, OrderEvent.pickUp), note.trim(), nowIso))) return false
    // handed out after all: the leader earns its commission as at any pickup
    await postCommission(trx, id, nowIso, ctx.config.commissionHoldDays)
    return true
  })
  if (!moved) throw conflict('ORDER_NOT_UNCLAIMED', '只有未提货的订单可以补登提货或退款')
  return actionResult(ctx, id)
}

/** 未提货退款: the leader gives the shopper back all that is left of what she paid. */
export async function refundNoShow(ctx: AppContext, leader: User, id: string) {
  await ownUnclaimed(ctx, leader, id)
  const nowIso = ctx.now().toISOString()
  const moved = await ctx.db.transaction().execute(async (trx) => {
    const order = await repo.orderOutcome(trx, id)
    if (!(await pickups.markNoShowRefunded(trx, id, nextOrderStatus(OrderStatus.unclaimed, OrderEvent.refund), nowIso))) return false
    // never more than was paid: what earlier refunds (a price difference) left
    await recordRefund(trx, id, Math.max(0, order.paid_fen - order.refund_fen), 'no_show', nowIso)
    return true
  })
  if (!moved) throw conflict('ORDER_NOT_UNCLAIMED', '只有未提货的订单可以补登提货或退款')
  await processPendingRefunds(ctx)
  return actionResult(ctx, id)
}

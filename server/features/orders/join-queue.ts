import type { Tier } from '../../../types/api'
import { DealStatus, OrderStatus } from '../../../types/api'
import { JoinRefusal, admitJoin, isPastCutoff, stockLeft, type TierTotals } from '../../../src/domain'
import type { Database } from '../../db/database'
import type { AppContext } from '../../http/context'
import { badRequest, conflict, notFound, type AppError } from '../../http/errors'
import { newId } from '../../http/ids'
import { expireHolds, lockDeal } from './holds'
import * as repo from './orders.repository'

/**
 * When a whole street joins one deal at once, every join needs the deal's row: on PostgreSQL each
 * transaction queues at its lock, and on SQLite each pays for its own commit. So joins of one deal
 * wait here while a batch of them is written, and the next batch takes all that arrived meanwhile:
 * one lock, a handful of statements and one commit for many joins. A lone join goes at once.
 *
 * Under the deal's row lock each join is decided in arrival order by the domain's `admitJoin`
 * (stock, per-shopper limit, then the price of the tier reached with it counted: the very function
 * the settlement property test drives); the batch's final
 * conditional update on the deal still refuses anything past the stock cap.
 */

export interface JoinRequest {
  userId: string
  quantity: number
  pickupPointId: string
  inviterId: string | null
  idempotencyKey: string
  requestHash: string
}

export type CreatedOrder = repo.OrderWithDeal

/** A new order; the order this shopper's Idempotency-Key already made (a retry); or why not. */
export type JoinOutcome = { order: CreatedOrder } | { retryOf: string } | { error: AppError }

/** The most joins written in one transaction (well under SQLite's limit on bound values). */
const MAX_BATCH = 100

interface Waiting {
  join: JoinRequest
  resolve: (outcome: JoinOutcome) => void
  reject: (error: unknown) => void
}

/** Per database, per deal: the joins waiting for the next batch (present while a batch runs). */
const queues = new WeakMap<Database, Map<string, Waiting[]>>()

/** Join a deal: resolves with the outcome once it is committed; rejects only when the database fails. */
export function joinDeal(ctx: AppContext, dealId: string, join: JoinRequest): Promise<JoinOutcome> {
  return new Promise((resolve, reject) => {
    let byDeal = queues.get(ctx.db)
    if (!byDeal) queues.set(ctx.db, (byDeal = new Map()))
    const waiting = byDeal.get(dealId)
    if (waiting) {
      waiting.push({ join, resolve, reject })
      return
    }
    byDeal.set(dealId, [{ join, resolve, reject }])
    void drain(ctx, dealId, byDeal)
  })
}

async function drain(ctx: AppContext, dealId: string, byDeal: Map<string, Waiting[]>): Promise<void> {
  for (;;) {
    // joins still on their way in (their requests are parsed in the next turn of the event loop)
    // join the next batch rather than each starting one of their own
    if (byDeal.get(dealId)!.length === 0) await new Promise((resolve) => setImmediate(resolve))
    const batch = byDeal.get(dealId)!.splice(0, MAX_BATCH)
    if (batch.length === 0) {
      byDeal.delete(dealId)
      return
    }
    await run(ctx, dealId, batch)
  }
}

async function run(ctx: AppContext, dealId: string, batch: Waiting[]): Promise<void> {
  let outcomes: JoinOutcome[]
  const joins = batch.map((w) => w.join)
  const now = ctx.now()
  try {
    // what needs no lock, read side by side (on PostgreSQL each on a pooled connection of its own)
    const [points, earlier, staleHolds] = await Promise.all([
      repo.pickupPointsOfDeal(ctx.db, dealId),
      repo.ordersByKeys(
        ctx.db,
        joins.map((j) => ({ userId: j.userId, key: j.idempotencyKey })),
      ),
      repo.hasStaleHolds(ctx.db, dealId, now.toISOString()),
    ])
    const seen = { points, earlier, staleHolds }
    outcomes = await ctx.db.transaction().execute((trx) => writeJoins(trx, dealId, joins, seen, now, ctx.config.holdMinutes))
  } catch (error) {
    if (batch.length === 1) return batch[0].reject(error)
    // one join spoiled the batch (say the same Idempotency-Key raced itself): each on its own
    for (const one of batch) await run(ctx, dealId, [one])
    return
  }
  // answered only after the commit: no shopper hears of an order that was not written
  outcomes.forEach((outcome, i) => batch[i].resolve(outcome))
}

/** What a batch reads before its transaction: nothing here needs the deal's lock. */
interface Seen {
  /** the pickup points the deal ships to */
  points: Set<string>
  /** orders these Idempotency-Keys already made (retries), by repo.orderKey */
  earlier: Map<string, string>
  /** an unpaid hold of the deal has run out and still holds its units */
  staleHolds: boolean
}

/**
 * One transaction for a batch of joins of one deal, in arrival order: the deal's row is locked and
 * every join is checked as a request would be — a retry, a deal that does not exist or is closed, a
 * pickup point it does not ship to, then stock and the per-shopper limit.
 */
async function writeJoins(trx: Database, dealId: string, joins: JoinRequest[], seen: Seen, now: Date, holdMinutes: number): Promise<JoinOutcome[]> {
  const nowIso = now.toISOString()
  const { earlier } = seen
  // a stale hold must not block these joins: give its units back first
  if (seen.staleHolds) await expireHolds(trx, dealId, nowIso)
  const deal = await lockDeal(trx, dealId)
  // a supplier deal's points change while it is open (leaders opt in and out, under the deal's lock):
  // read them again behind the lock, so no order lands at a point opted out meanwhile
  const points = deal?.supplier_id ? await repo.pickupPointsOfDeal(trx, dealId) : seen.points

  const outcomes: (JoinOutcome | null)[] = joins.map((join) => {
    const retryOf = earlier.get(repo.orderKey(join.userId, join.idempotencyKey))
    if (retryOf) return { retryOf }
    if (!deal || deal.status === DealStatus.draft) return { error: notFound('团购') }
    // a cancelled deal says so (a page read before the leader cancelled it would otherwise hear "closed")
    if (deal.status === DealStatus.cancelled) return { error: dealCancelled() }
    if (deal.status !== DealStatus.open || isPastCutoff(deal.cutoff_at, now)) return { error: dealClosed() }
    if (!points.has(join.pickupPointId)) return { error: badRequest('PICKUP_POINT_NOT_IN_DEAL', '这个团购不送到所选的自提点，请换一个自提点') }
    return null
  })
  if (!deal || outcomes.every((o) => o !== null)) return outcomes as JoinOutcome[]

  const held = await repo.shopperUnitsOf(trx, dealId, [...new Set(joins.filter((_, i) => outcomes[i] === null).map((j) => j.userId))])
  const changed = new Map<string, number>()
  const tiers = JSON.parse(deal.tiers) as Tier[]
  const holdExpiresAt = new Date(now.getTime() + holdMinutes * 60_000).toISOString()
  const joinable = { tierBasis: deal.tier_basis, tiers, stockUnits: deal.stock_units, perUserLimit: deal.per_user_limit }
  let totals: TierTotals = { people: deal.participant_count, units: deal.active_units }
  const rows: repo.OrderRow[] = []
  joins.forEach((join, i) => {
    if (outcomes[i] !== null) return
    const mine = held.get(join.userId) ?? 0
    const decision = admitJoin(joinable, totals, { heldBefore: mine, quantity: join.quantity })
    if ('refusal' in decision) {
      outcomes[i] = {
        error: refusalError(decision.refusal, { stockUnits: deal.stock_units, activeUnits: totals.units, limit: deal.per_user_limit, mine }),
      }
      return
    }
    totals = decision.totals
    held.set(join.userId, mine + join.quantity)
    changed.set(join.userId, mine + join.quantity)
    const row: repo.OrderRow = {
      id: newId(),
      deal_id: dealId,
      user_id: join.userId,
      status: OrderStatus.pendingPayment,
      quantity: join.quantity,
      // the price guarantee starts here: the tier reached with this order counted
      unit_price_fen: decision.unitPriceFen,
      final_unit_price_fen: null,
      paid_fen: 0,
      refund_fen: 0,
      pickup_point_id: join.pickupPointId,
      inviter_id: join.inviterId,
      idempotency_key: join.idempotencyKey,
      request_hash: join.requestHash,
      pickup_code: null,
      created_at: nowIso,
      updated_at: nowIso,
      paid_at: null,
      hold_expires_at: holdExpiresAt,
      closed_at: null,
      picked_up_at: null,
    }
    rows.push(row)
    outcomes[i] = { order: { ...row, deal_title: deal.title, deal_status: deal.status } }
  })
  if (rows.length === 0) return outcomes as JoinOutcome[]

  await repo.setShopperUnits(trx, dealId, changed)
  await repo.insertOrders(trx, rows)
  if (!(await repo.addToDeal(trx, dealId, totals.units - deal.active_units, totals.people - deal.participant_count, nowIso))) {
    // cannot happen while every change to the deal's units takes its row lock first; if it ever
    // does, the whole batch is rolled back and each join tried again on its own
    throw new Error(`deal ${dealId}: stock changed under its row lock`)
  }
  return outcomes as JoinOutcome[]
}

export const dealClosed = () => conflict('DEAL_CLOSED', '该团购已截单，不能再参加或修改了')
export const dealCancelled = () => conflict('DEAL_CANCELLED', '团长已取消这个团购，不能再参加了')

/** The answer for a join that stock or the per-shopper limit refuses. */
function refusalError(refusal: JoinRefusal, at: { stockUnits: number | null; activeUnits: number; limit: number | null; mine: number }): AppError {
  if (refusal === JoinRefusal.soldOut) return conflict('SOLD_OUT', '已抢光了，下次早点来')
  if (refusal === JoinRefusal.notEnoughStock) {
    const left = stockLeft(at.stockUnits, at.activeUnits) ?? 0
    return conflict('NOT_ENOUGH_STOCK', `库存不足，只剩 ${left} 件了`, { left })
  }
  if (refusal === JoinRefusal.overLimit) {
    const params = { limit: at.limit ?? 0, mine: at.mine }
    return conflict('OVER_LIMIT', at.mine > 0 ? `每人限购 ${at.limit} 件，您已买了 ${at.mine} 件` : `每人限购 ${at.limit} 件`, params)
  }
  return badRequest('BAD_QUANTITY', '购买数量须为正整数')
}

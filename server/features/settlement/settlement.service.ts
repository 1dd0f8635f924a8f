import type { Tier } from '../../../types/api'
import { DealStatus, OrderStatus } from '../../../types/api'
import { DealEvent, OrderEvent, nextDealStatus, nextOrderStatus, settle } from '../../../src/domain'
import { supplierUnitPriceFen } from '../../../src/domain/ledger'
import type { Database } from '../../db/database'
import type { AppContext } from '../../http/context'
import { expireHolds, lockDeal } from '../orders/holds'
import { processPendingRefunds, recordRefunds, type RefundReason } from '../payments/payments.service'
import { groupBy } from '../../db/chunks'
import { onDealRefunded, onDealSucceeded } from '../notifications/notifications.service'
import * as repo from './settlement.repository'

/**
 * Settle every open deal whose cutoff has passed. Cheap when nothing is due (one query on the
 * deals(status, cutoff_at) index), so reads and the sweeper may call it freely. Returns how many
 * deals this call settled; another process settling the same deal at once gets 0 for it.
 */
export async function settleDueDeals(ctx: AppContext): Promise<number> {
  const nowIso = ctx.now().toISOString()
  const due = await repo.dueDealIds(ctx.db, nowIso)
  let settled = 0
  for (const { id } of due) if (await settleDeal(ctx, id)) settled++
  if (settled > 0) await refundSoon(ctx)
  return settled
}

/**
 * Ask the provider for the refunds just owed. A provider that is down must not fail the read or the
 * action that caused them: the rows are pending and every sweep asks again.
 */
export async function refundSoon(ctx: AppContext): Promise<void> {
  try {
    await processPendingRefunds(ctx)
  } catch {
    // retried by the sweeper
  }
}

/** Settle one deal if it is open and past cutoff; true if this call did it. */
export async function settleDeal(ctx: AppContext, dealId: string): Promise<boolean> {
  const nowIso = ctx.now().toISOString()
  return ctx.db.transaction().execute(async (trx) => {
    // the deal's row lock makes a second settler wait here, then see the deal no longer open
    const deal = await lockDeal(trx, dealId)
    if (!deal || deal.status !== DealStatus.open || deal.cutoff_at > nowIso) return false
    // still unpaid at cutoff: expired, and never counted toward a tier
    await expireHolds(trx, dealId, nowIso, { everyUnpaid: true })
    const paid = await repo.paidOrdersOfDeal(trx, dealId)
    const result = settle(
      {
        tierBasis: deal.tier_basis,
        tiers: JSON.parse(deal.tiers) as Tier[],
        minToSucceed: deal.min_to_succeed,
      },
      paid.map((o) => ({ id: o.id, userId: o.user_id, quantity: o.quantity, unitPriceFen: o.unit_price_fen })),
    )

    if (result.outcome === 'failed') {
      return closeWithFullRefunds(trx, dealId, nextDealStatus(DealStatus.open, DealEvent.fail), 'deal_failed', nowIso)
    }
    const status = nextDealStatus(DealStatus.open, DealEvent.succeed)
    // the conditional update is what decides the winner if the lock above were ever bypassed
    if (!(await repo.markDealSucceeded(trx, dealId, status, result.finalTierPriceFen, nowIso))) return false
    const confirmed = nextOrderStatus(OrderStatus.paid, OrderEvent.confirm)
    // in bulk (a deal of ten thousand orders settles in seconds): one update per final price ...
    for (const [finalUnitPriceFen, orders] of groupBy(result.orders, (o) => o.finalUnitPriceFen)) {
      await repo.confirmPaidOrders(
        trx,
        orders.map((o) => o.id),
        confirmed,
        finalUnitPriceFen,
        nowIso,
      )
    }
    // the terms frozen now, so a later rate change never rewrites what this deal earned
    await freezeTerms(trx, deal, confirmed, ctx.config.platformFeeBps)
    // ... and the price guarantee: whoever paid more than the final tier price gets the difference back
    await recordRefunds(
      trx,
      result.orders.map((o) => ({ orderId: o.id, amountFen: o.refundFen })),
      'price_difference',
      nowIso,
    )
    // 成团: shoppers are told (in-app now, WeChat subscription message by the outbox job)
    await onDealSucceeded(trx, dealId, nowIso)
    return true
  })
}

/**
 * Freeze each confirmed order's commission terms: the deal's rate (a supplier's offer, or the
 * operator's for this deal), else the point leader's own, else 0; the point's leader earns it; and
 * for a supplier's deal what the supplier gets a unit. One update per pickup point and final price.
 */
async function freezeTerms(
  trx: Database,
  deal: { id: string; commission_bps?: number | null; supplier_id?: string | null },
  status: OrderStatus,
  platformFeeBps: number,
): Promise<void> {
  for (const g of await repo.confirmedOrderGroups(trx, deal.id, status)) {
    const bps = deal.commission_bps ?? g.leader_bps ?? 0
    const final = g.final_unit_price_fen
    await repo.freezeOrderTerms(
      trx,
      deal.id,
      status,
      { pickupPointId: g.pickup_point_id, finalUnitPriceFen: final },
      {
        commission_bps: bps,
        commission_leader_id: g.leader_id,
        supplier_unit_price_fen: deal.supplier_id && final !== null ? supplierUnitPriceFen(final, bps, platformFeeBps) : null,
      },
    )
  }
}

/**
 * Close an open (or draft) deal with everyone's money back: unpaid orders expire, paid ones are
 * refunded in full. Used when a deal fails at cutoff and when its leader cancels it.
 * Call inside a transaction that holds the deal lock. False if the deal was no longer open.
 */
export async function closeWithFullRefunds(
  trx: Database,
  dealId: string,
  status: DealStatus,
  reason: RefundReason,
  nowIso: string,
): Promise<boolean> {
  if (!(await repo.markDealClosed(trx, dealId, status, nowIso))) return false
  await expireHolds(trx, dealId, nowIso, { everyUnpaid: true })
  const refunded = nextOrderStatus(OrderStatus.paid, OrderEvent.refund)
  const paid = await repo.refundPaidOrders(trx, dealId, refunded, nowIso)
  await recordRefunds(
    trx,
    paid.map((o) => ({ orderId: o.id, amountFen: o.paid_fen })),
    reason,
    nowIso,
  )
  await onDealRefunded(trx, dealId, reason, nowIso)
  // nothing is held any more
  await repo.releaseAllUnits(trx, dealId)
  return true
}

/** Settle this one deal first if it is past cutoff, so a read never shows it still open. */
export async function settleIfDue(ctx: AppContext, deal: { id: string; status: string; cutoff_at: string }): Promise<boolean> {
  if (deal.status !== DealStatus.open || deal.cutoff_at > ctx.now().toISOString()) return false
  const settled = await settleDeal(ctx, deal.id)
  if (settled) await refundSoon(ctx)
  return settled
}

/** Succeeded deals whose pickup window has ended are completed. */
export async function completeFinishedDeals(ctx: AppContext): Promise<number> {
  const nowIso = ctx.now().toISOString()
  return repo.completeDealsEndedBy(ctx.db, nextDealStatus(DealStatus.succeeded, DealEvent.complete), nowIso)
}

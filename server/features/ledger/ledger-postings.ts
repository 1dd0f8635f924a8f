import { LedgerKind } from '../../../types/api'
import { availableAfterHold, commissionReversalFen, orderCommissionFen } from '../../../src/domain/ledger'
import type { Database } from '../../db/database'
import { Accounts, leaderAccount, post, postMany, type Posting } from './ledger.service'
import * as repo from './ledger.repository'

/**
 * What the order flow posts to the ledger, each in the caller's transaction (the same one that
 * changes the payment, refund or order): a payment, refunds (with the commission they take back),
 * and the commission a pickup earns.
 */

/** A payment row succeeded: the shopper's money is the platform's to hold. */
export function postPayment(
  trx: Database,
  p: { paymentId: string; orderId: string; dealId: string; amountFen: number; nowIso: string },
): Promise<boolean> {
  return post(trx, {
    kind: LedgerKind.payment,
    dedupeKey: `payment:${p.paymentId}`,
    from: Accounts.shoppers,
    to: Accounts.platform,
    amountFen: p.amountFen,
    orderId: p.orderId,
    dealId: p.dealId,
    nowIso: p.nowIso,
  })
}

/** The rate and the leader of an order's commission: frozen at settlement; before that, what would be frozen. */
export function commissionTerms(r: repo.OrderCommissionRow): { bps: number; leaderId: string | null } {
  return {
    bps: r.commission_bps ?? r.deal_commission_bps ?? r.point_leader_bps ?? 0,
    leaderId: r.commission_leader_id ?? r.point_leader_id,
  }
}

/**
 * Refund rows just recorded (their ids, orders and amounts), called after the orders' refund_fen
 * grew: one `refund` transaction each, and on an order whose commission was already posted (it was
 * picked up), the commission the refund takes back (commission before − commission after, never
 * more than is left of it).
 */
export async function postRefunds(
  trx: Database,
  refunds: readonly { id: string; orderId: string; amountFen: number }[],
  nowIso: string,
): Promise<void> {
  if (refunds.length === 0) return
  const orderIds = [...new Set(refunds.map((r) => r.orderId))]
  const dealOf = new Map((await repo.orderCommissionRows(trx, orderIds)).map((r) => [r.id, r]))
  const postings: Posting[] = refunds.map((r) => ({
    kind: LedgerKind.refund,
    dedupeKey: `refund:${r.id}`,
    from: Accounts.platform,
    to: Accounts.shoppers,
    amountFen: r.amountFen,
    orderId: r.orderId,
    dealId: dealOf.get(r.orderId)?.deal_id ?? null,
    refundId: r.id,
    nowIso,
  }))
  const posted = await repo.commissionsPosted(trx, orderIds)
  for (const [orderId, commission] of posted) {
    const order = dealOf.get(orderId)!
    const { bps } = commissionTerms(order)
    const mine = refunds.filter((r) => r.orderId === orderId)
    // refund_fen already counts these refunds: walk them from what was kept before them
    let kept = order.paid_fen - order.refund_fen + mine.reduce((s, r) => s + r.amountFen, 0)
    let left = commission.postedFen - commission.reversedFen
    for (const r of mine) {
      const back = Math.min(left, commissionReversalFen(kept, kept - r.amountFen, bps))
      kept -= r.amountFen
      left -= Math.max(0, back)
      postings.push({
        kind: LedgerKind.commissionReversal,
        dedupeKey: `commission_reversal:${r.id}`,
        from: commission.accountId,
        to: Accounts.platform,
        amountFen: back,
        orderId,
        dealId: order.deal_id,
        refundId: r.id,
        nowIso,
      })
    }
  }
  await postMany(trx, postings)
}

/**
 * The order was handed over (at the counter, by proxy, or late): its leader earns commission on
 * what the shopper kept paying, withdrawable `holdDays` after pickup. Posted once per order.
 */
export async function postCommission(trx: Database, orderId: string, pickedUpAtIso: string, holdDays: number): Promise<boolean> {
  const [order] = await repo.orderCommissionRows(trx, [orderId])
  if (!order) return false
  const { bps, leaderId } = commissionTerms(order)
  if (!leaderId) return false
  return post(trx, {
    kind: LedgerKind.commission,
    dedupeKey: `commission:${orderId}`,
    from: Accounts.platform,
    to: leaderAccount(leaderId),
    amountFen: orderCommissionFen(order.paid_fen, order.refund_fen, bps),
    orderId,
    dealId: order.deal_id,
    availableAt: availableAfterHold(pickedUpAtIso, holdDays),
    nowIso: pickedUpAtIso,
  })
}

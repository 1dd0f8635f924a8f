import type { EarningsDeal, User } from '../../../types/api'
import { OrderStatus } from '../../../types/api'
import { commissionFen } from '../../../src/domain'
import type { AppContext } from '../../http/context'
import * as repo from './earnings.repository'
import { commissionLines, groupByPeriod, keptFen } from './earnings-periods'

/** One deal's commission, as the contract shapes it. */
export type DealEarnings = EarningsDeal

/**
 * Commission per deal on the final value of picked-up orders (earned) and of those still to hand out
 * (pending), at the rate frozen on each order when its deal settled: a later rate change never
 * rewrites what was earned (orders settled before rates were frozen: the leader's own rate).
 */
export async function earnings(ctx: AppContext, leader: User) {
  const bps = leader.commissionBps ?? 0
  // one row per order: each order's commission is rounded on its own, as the ledger posts it
  const rows = await repo.commissionOrders(ctx.db, leader.id)
  const deals = new Map<string, DealEarnings>()
  for (const r of rows) {
    const deal = deals.get(r.deal_id) ?? {
      dealId: r.deal_id,
      title: r.title,
      dealStatus: r.deal_status,
      pendingValueFen: 0,
      pendingFen: 0,
      earnedValueFen: 0,
      earnedFen: 0,
    }
    const value = keptFen(r)
    const commission = commissionFen(value, r.commission_bps ?? bps)
    if (r.status === OrderStatus.pickedUp) {
      deal.earnedValueFen += value
      deal.earnedFen += commission
    } else {
      deal.pendingValueFen += value
      deal.pendingFen += commission
    }
    deals.set(r.deal_id, deal)
  }
  const list = [...deals.values()]
  // per week and month too: the console's "this week / this month" view
  const periods = groupByPeriod(await commissionLines(ctx.db, leader.id), bps)
  return {
    commissionBps: bps,
    deals: list,
    weeks: periods.weeks,
    months: periods.months,
    totals: {
      pendingFen: list.reduce((s, d) => s + d.pendingFen, 0),
      earnedFen: list.reduce((s, d) => s + d.earnedFen, 0),
    },
  }
}

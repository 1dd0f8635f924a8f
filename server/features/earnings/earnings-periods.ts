import { OrderStatus } from '../../../types/api'
import { commissionFen, formatShanghai, shanghaiParts } from '../../../src/domain'
import type { Database } from '../../db/database'
import { commissionOrders } from './earnings.repository'

export interface PeriodEarnings {
  /** week: its Monday (YYYY-MM-DD); month: YYYY-MM — both in Shanghai time */
  period: string
  earnedFen: number
  pendingFen: number
}

export interface CommissionLine {
  /** what the shopper kept paying for the order (paid − refunded): its commission's base */
  valueFen: number
  /** picked up: earned when it was handed out; otherwise pending, counted on the pickup day */
  earned: boolean
  at: string
  /** the rate frozen on the order at settlement; null or absent: the leader's own */
  bps?: number | null
}

export const weekOf = (at: string): string => {
  // the Monday of the Shanghai calendar week (Date.UTC takes a day 0 or below into the month before)
  const { year, month, day } = shanghaiParts(at)
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay()
  return new Date(Date.UTC(year, month - 1, day - ((weekday + 6) % 7))).toISOString().slice(0, 10)
}

export const monthOf = (at: string): string => formatShanghai(at, 'YYYY-MM')

/**
 * Commission per week and per month (newest first): each order's own commission (its kept value at
 * its frozen rate, else `bps`, the leader's own, rounded down per order as the ledger posts it), summed.
 */
export function groupByPeriod(lines: CommissionLine[], bps: number): { weeks: PeriodEarnings[]; months: PeriodEarnings[] } {
  const group = (key: (at: string) => string) => {
    const sums = new Map<string, { earnedFen: number; pendingFen: number }>()
    for (const line of lines) {
      const k = key(line.at)
      const sum = sums.get(k) ?? { earnedFen: 0, pendingFen: 0 }
      const commission = commissionFen(line.valueFen, line.bps ?? bps)
      if (line.earned) sum.earnedFen += commission
      else sum.pendingFen += commission
      sums.set(k, sum)
    }
    return [...sums.entries()].sort(([a], [b]) => (a < b ? 1 : -1)).map(([period, s]) => ({ period, ...s }))
  }
  return { weeks: group(weekOf), months: group(monthOf) }
}

/** What an order finally kept: the base of its commission, as the ledger posts it (orderCommissionFen). */
export const keptFen = (r: { paid_fen: number; refund_fen: number }): number => Math.max(0, Number(r.paid_fen) - Number(r.refund_fen))

/** The leader's orders that earn (or will earn) commission, one line each. */
export async function commissionLines(db: Database, leaderId: string): Promise<CommissionLine[]> {
  const rows = await commissionOrders(db, leaderId)
  return rows.map((r) => {
    const earned = r.status === OrderStatus.pickedUp
    return {
      // what was refunded (the price difference, a shortage, after-sales) earns nothing: the ledger's rule
      valueFen: keptFen(r),
      earned,
      at: earned && r.picked_up_at ? r.picked_up_at : r.pickup_start,
      bps: r.commission_bps ?? null,
    }
  })
}

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
  /** final value of the order (final unit price × quantity) */
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
 * Commission per week and per month (newest first), on each period's summed final value at each
 * rate (an order's frozen rate, else `bps`, the leader's own).
 */
export function groupByPeriod(lines: CommissionLine[], bps: number): { weeks: PeriodEarnings[]; months: PeriodEarnings[] } {
  const group = (key: (at: string) => string) => {
    const sums = new Map<string, Map<number, { earned: number; pending: number }>>()
    for (const line of lines) {
      const k = key(line.at)
      const rate = line.bps ?? bps
      const rates = sums.get(k) ?? new Map<number, { earned: number; pending: number }>()
      const sum = rates.get(rate) ?? { earned: 0, pending: 0 }
      if (line.earned) sum.earned += line.valueFen
      else sum.pending += line.valueFen
      rates.set(rate, sum)
      sums.set(k, rates)
    }
    return [...sums.entries()]
      .sort(([a], [b]) => (a < b ? 1 : -1))
      .map(([period, rates]) => {
        let earnedFen = 0
        let pendingFen = 0
        for (const [rate, s] of rates) {
          earnedFen += commissionFen(s.earned, rate)
          pendingFen += commissionFen(s.pending, rate)
        }
        return { period, earnedFen, pendingFen }
      })
  }
  return { weeks: group(weekOf), months: group(monthOf) }
}

/** The leader's orders that earn (or will earn) commission, one line each. */
export async function commissionLines(db: Database, leaderId: string): Promise<CommissionLine[]> {
  const rows = await commissionOrders(db, leaderId)
  return rows.map((r) => {
    const earned = r.status === OrderStatus.pickedUp
    return {
      // the part refunded after pickup is not earned
      valueFen: Number(r.final_unit_price_fen ?? 0) * Number(r.quantity) - Number(r.after_sales_fen ?? 0),
      earned,
      at: earned && r.picked_up_at ? r.picked_up_at : r.pickup_start,
      bps: r.commission_bps ?? null,
    }
  })
}

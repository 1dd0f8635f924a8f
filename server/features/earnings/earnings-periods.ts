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
}

export const weekOf = (at: string): string => {
  // the Monday of the Shanghai calendar week (Date.UTC takes a day 0 or below into the month before)
  const { year, month, day } = shanghaiParts(at)
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay()
  return new Date(Date.UTC(year, month - 1, day - ((weekday + 6) % 7))).toISOString().slice(0, 10)
}

export const monthOf = (at: string): string => formatShanghai(at, 'YYYY-MM')

/** Commission per week and per month (newest first), on each period's summed final value. */
export function groupByPeriod(lines: CommissionLine[], bps: number): { weeks: PeriodEarnings[]; months: PeriodEarnings[] } {
  const group = (key: (at: string) => string) => {
    const sums = new Map<string, { earned: number; pending: number }>()
    for (const line of lines) {
      const k = key(line.at)
      const sum = sums.get(k) ?? { earned: 0, pending: 0 }
      if (line.earned) sum.earned += line.valueFen
      else sum.pending += line.valueFen
      sums.set(k, sum)
    }
    return [...sums.entries()]
      .sort(([a], [b]) => (a < b ? 1 : -1))
      .map(([period, s]) => ({ period, earnedFen: commissionFen(s.earned, bps), pendingFen: commissionFen(s.pending, bps) }))
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
    }
  })
}

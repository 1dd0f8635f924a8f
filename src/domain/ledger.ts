import { assertFen, commissionFen } from './money'
import { readInstant, type Instant } from './time'

const ms = (t: Instant): number => {
  const v = readInstant(t)
  if (v === null) throw new RangeError(`not an instant: ${String(t)}`)
  return v
}

/**
 * The ledger's pure rules: what a supplier gets a unit, how much commission a refund takes back,
 * and which part of a wallet is still held. Integer fen, no clock (callers pass `now`), no I/O.
 */

/** The platform's fee on a supplier deal's final price, in basis points (PLATFORM_FEE_BPS). */
export const DEFAULT_PLATFORM_FEE_BPS = 500
/** Days a credit (commission, supplier payable) is held before it may be withdrawn (COMMISSION_HOLD_DAYS). */
export const DEFAULT_COMMISSION_HOLD_DAYS = 7

/** round half up, on non-negative integers, without floating error for fen-sized amounts */
const roundBps = (valueFen: number, bps: number): number => Math.floor((valueFen * bps + 5_000) / 10_000)

/**
 * What the supplier is owed for one unit sold at `finalUnitPriceFen`: the price less the helping
 * leader's commission and the platform's fee (each rounded to the nearest fen), never below 0.
 */
export function supplierUnitPriceFen(finalUnitPriceFen: number, commissionBps: number, platformFeeBps: number): number {
  assertFen(finalUnitPriceFen)
  if (finalUnitPriceFen <= 0) return 0
  const c = Math.max(0, commissionBps)
  const f = Math.max(0, platformFeeBps)
  return Math.max(0, finalUnitPriceFen - roundBps(finalUnitPriceFen, c) - roundBps(finalUnitPriceFen, f))
}

/**
 * Commission taken back when a refund lowers what a shopper kept paying from `keptBeforeFen` to
 * `keptAfterFen`: commission on the old value less commission on the new one (each rounded down,
 * so the sum of all reversals never exceeds the commission posted). Never negative.
 */
export function commissionReversalFen(keptBeforeFen: number, keptAfterFen: number, bps: number): number {
  const before = commissionFen(Math.max(0, keptBeforeFen), bps)
  const after = commissionFen(Math.max(0, keptAfterFen), bps)
  return Math.max(0, before - after)
}

/** The commission an order earns on what its shopper finally kept paying. */
export function orderCommissionFen(paidFen: number, refundFen: number, bps: number): number {
  return commissionFen(Math.max(0, paidFen - refundFen), bps)
}

/** When a credit made at `at` may be withdrawn: `holdDays` later. */
export function availableAfterHold(at: Instant, holdDays: number): string {
  return new Date(ms(at) + holdDays * 86_400_000).toISOString()
}

/** One entry on an account as the balance sees it: signed amount, and when a credit is withdrawable (null: at once). */
export interface BalanceEntry {
  amountFen: number
  availableAt: string | null
}

export interface WalletBalance {
  balanceFen: number
  /** credits whose available_at is still ahead */
  pendingFen: number
  /** balance − pending (may be negative after a reversal of a released credit) */
  withdrawableFen: number
}

/** A balance is the sum of its entries; credits still held (available_at after now) are pending. */
export function walletBalance(entries: readonly BalanceEntry[], now: Instant): WalletBalance {
  const nowMs = ms(now)
  let balanceFen = 0
  let pendingFen = 0
  for (const e of entries) {
    assertFen(e.amountFen)
    balanceFen += e.amountFen
    if (e.amountFen > 0 && e.availableAt !== null && ms(e.availableAt) > nowMs) pendingFen += e.amountFen
  }
  return { balanceFen, pendingFen, withdrawableFen: balanceFen - pendingFen }
}

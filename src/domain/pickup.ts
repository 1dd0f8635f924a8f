import { OrderStatus } from '../../types/api'
import { canOrder, OrderEvent } from './lifecycle'
import { readInstant, type Instant } from './time'

/**
 * Pickup rules: the no-show grace period after the pickup window, and who may hand a delegated
 * (proxy) order over. Pure: every instant comes in as an argument.
 */

const DAY_MS = 24 * 3_600_000

function toMs(t: Instant): number {
  const value = readInstant(t)
  if (value === null) throw new RangeError(`not an instant: ${String(t)}`)
  return value
}

/** When codes stop working for a deal's pickup window: its end plus the grace period. */
export function graceEndsAt(pickupEnd: Instant, graceDays: number): Date {
  return new Date(toMs(pickupEnd) + graceDays * DAY_MS)
}

export const PickupPhase = {
  /** the pickup window has not closed yet */
  window: 'window',
  /** the window closed; codes still work until the grace period ends */
  grace: 'grace',
  /** the grace period is over: goods still there are unclaimed */
  over: 'over',
} as const
export type PickupPhase = (typeof PickupPhase)[keyof typeof PickupPhase]

export function pickupPhase(pickupEnd: Instant, graceDays: number, now: Instant): PickupPhase {
  const at = toMs(now)
  if (at < toMs(pickupEnd)) return PickupPhase.window
  return at < graceEndsAt(pickupEnd, graceDays).getTime() ? PickupPhase.grace : PickupPhase.over
}

/** An order still to be handed out whose grace period has ended becomes unclaimed. */
export function isUnclaimedDue(status: OrderStatus, pickupEnd: Instant, graceDays: number, now: Instant): boolean {
  return canOrder(status, OrderEvent.unclaim) && pickupPhase(pickupEnd, graceDays, now) === PickupPhase.over
}

/** A proxy pickup can be offered while the goods are still to be collected by code. */
export function canDelegate(status: OrderStatus): boolean {
  return status === OrderStatus.confirmed || status === OrderStatus.ready
}

/** The owner cannot take her own delegation; a neighbour takes an open one (or sees her own again). */
export const DelegationRefusal = {
  own: 'DELEGATION_OWN',
  revoked: 'DELEGATION_REVOKED',
  taken: 'DELEGATION_TAKEN',
  spent: 'DELEGATION_SPENT',
} as const
export type DelegationRefusal = (typeof DelegationRefusal)[keyof typeof DelegationRefusal]

export function acceptRefusal(
  delegation: { status: 'open' | 'accepted' | 'revoked' | 'used'; ownerId: string; delegateId: string | null },
  orderStatus: OrderStatus,
  userId: string,
): DelegationRefusal | null {
  if (delegation.ownerId === userId) return DelegationRefusal.own
  if (delegation.status === 'revoked') return DelegationRefusal.revoked
  if (delegation.status === 'used' || !canDelegate(orderStatus)) return DelegationRefusal.spent
  if (delegation.status === 'accepted' && delegation.delegateId !== userId) return DelegationRefusal.taken
  return null
}

import { PayoutStatus } from '../../types/api'
import { assertFen } from './money'

/**
 * Withdrawals: whether one may be asked for, and a payout's moves from asked to paid or back.
 * Pure: amounts in fen, no clock, no I/O; the server's payouts service applies the answers.
 */

export const DEFAULT_PAYOUT_MIN_FEN = 1_000
export const DEFAULT_PAYOUT_DAILY_CAP_FEN = 500_000

/** Why a withdrawal is refused (the API's 4xx codes; types/contract/payouts.ts PayoutRefusal). */
export const PayoutRefusalCode = {
  suspended: 'ACCOUNT_SUSPENDED',
  belowMinimum: 'PAYOUT_BELOW_MINIMUM',
  overBalance: 'PAYOUT_OVER_BALANCE',
  dailyCap: 'PAYOUT_DAILY_CAP',
} as const
export type PayoutRefusalCode = (typeof PayoutRefusalCode)[keyof typeof PayoutRefusalCode]

/**
 * May `amountFen` be withdrawn? A suspended owner never; otherwise it must be at least the minimum,
 * at most what is withdrawable now, and at most what is left of today's cap. The first rule broken
 * is the answer (suspension, minimum, balance, cap), so the words say the most useful thing.
 */
export function payoutRefusal(
  amountFen: number,
  withdrawableFen: number,
  minFen: number,
  capLeft: number,
  suspended: boolean,
): PayoutRefusalCode | null {
  if (suspended) return PayoutRefusalCode.suspended
  if (!Number.isInteger(amountFen) || amountFen < minFen || amountFen <= 0) return PayoutRefusalCode.belowMinimum
  if (amountFen > withdrawableFen) return PayoutRefusalCode.overBalance
  if (amountFen > capLeft) return PayoutRefusalCode.dailyCap
  return null
}

/** What is left of today's cap after what was already asked for today (never below zero). */
export function capLeftFen(dailyCapFen: number, requestedTodayFen: number): number {
  assertFen(dailyCapFen)
  assertFen(requestedTodayFen)
  return Math.max(0, dailyCapFen - requestedTodayFen)
}

/** The most one may ask for now: withdrawable, within today's cap (0 when below the minimum). */
export function maxPayoutFen(withdrawableFen: number, minFen: number, capLeft: number): number {
  const most = Math.min(Math.max(0, withdrawableFen), capLeft)
  return most >= minFen ? most : 0
}

// -- the payout's life -------------------------------------------------------------------------------

/** What happens to a payout. */
export const PayoutEvent = {
  approve: 'approve',
  refuse: 'refuse',
  /** the provider took it and it waits for the recipient's confirmation (WeChat: WAIT_USER_CONFIRM) */
  awaitConfirmation: 'await_confirmation',
  /** the provider is moving the money (WeChat: ACCEPTED, PROCESSING, TRANSFERING, CANCELING) */
  transfer: 'transfer',
  succeed: 'succeed',
  fail: 'fail',
  cancel: 'cancel',
} as const
export type PayoutEvent = (typeof PayoutEvent)[keyof typeof PayoutEvent]

const S = PayoutStatus
const E = PayoutEvent
const providerOutcomes = {
  [E.awaitConfirmation]: S.waitUserConfirm,
  [E.transfer]: S.transferring,
  [E.succeed]: S.succeeded,
  [E.fail]: S.failed,
  [E.cancel]: S.cancelled,
} as const

/**
 * The one table of moves. Asked: the operator approves (it is sent) or refuses. Once sent the
 * provider's answers move it on; an answer that repeats the current state is no move (see
 * payoutMove). Refused, succeeded, failed and cancelled are final.
 */
export const payoutTransitions: Record<PayoutStatus, Partial<Record<PayoutEvent, PayoutStatus>>> = {
  [S.requested]: { [E.approve]: S.sending, [E.refuse]: S.refused },
  [S.sending]: { ...providerOutcomes },
  [S.waitUserConfirm]: { [E.transfer]: S.transferring, [E.succeed]: S.succeeded, [E.fail]: S.failed, [E.cancel]: S.cancelled },
  [S.transferring]: { [E.awaitConfirmation]: S.waitUserConfirm, [E.succeed]: S.succeeded, [E.fail]: S.failed, [E.cancel]: S.cancelled },
  [S.refused]: {},
  [S.succeeded]: {},
  [S.failed]: {},
  [S.cancelled]: {},
}

export class IllegalPayoutMove extends Error {
  constructor(
    readonly from: string,
    readonly event: string,
  ) {
    super(`a payout cannot ${event} from ${from}`)
    this.name = 'IllegalPayoutMove'
  }
}

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k)

/** Where `event` takes a payout in `from`, or undefined when it is no move. */
export function payoutMove(from: string, event: string): PayoutStatus | undefined {
  if (!own(payoutTransitions, from)) return undefined
  const moves = payoutTransitions[from as PayoutStatus]
  return own(moves, event) ? moves[event as PayoutEvent] : undefined
}

/** The move, or throws: an unknown move is a bug, never silently ignored. */
export function nextPayoutStatus(from: PayoutStatus, event: PayoutEvent): PayoutStatus {
  const to = payoutMove(from, event)
  if (!to) throw new IllegalPayoutMove(from, event)
  return to
}

export const FINAL_PAYOUT_STATUSES: readonly PayoutStatus[] = [S.refused, S.succeeded, S.failed, S.cancelled]

export function isFinalPayout(status: PayoutStatus): boolean {
  return FINAL_PAYOUT_STATUSES.includes(status)
}

/** Handed to the provider, not finished: the sweeper asks about these. */
export const IN_FLIGHT_AT_PROVIDER: readonly PayoutStatus[] = [S.sending, S.waitUserConfirm, S.transferring]

/**
 * What the ledger does when a payout reaches `to`: the money leaves for good (payout_sent), comes
 * back to the owner's balance (payout_returned), or nothing yet.
 */
export function payoutLedgerEffect(to: PayoutStatus): 'sent' | 'returned' | null {
  if (to === S.succeeded) return 'sent'
  if (to === S.refused || to === S.failed || to === S.cancelled) return 'returned'
  return null
}

/**
 * A WeChat merchant-transfer bill state as our event. Unknown states are no event,
 * so a new state WeChat adds leaves the payout where it is until it ends in one we know.
 */
export function transferStateEvent(state: string): PayoutEvent | null {
  switch (state) {
    case 'ACCEPTED':
    case 'PROCESSING':
    case 'TRANSFERING':
    case 'CANCELING':
      return E.transfer
    case 'WAIT_USER_CONFIRM':
      return E.awaitConfirmation
    case 'SUCCESS':
      return E.succeed
    case 'FAIL':
      return E.fail
    case 'CANCELLED':
      return E.cancel
    default:
      return null
  }
}

import type { AppContext } from '../http/context'
import { expireStaleHolds } from '../features/orders/holds'
import { processPendingRefunds } from '../features/payments/payments.service'
import { completeFinishedDeals, settleDueDeals } from '../features/settlement/settlement.service'
import { enqueueGraceReminders, markUnclaimedOrders } from '../features/pickups/no-shows'
import { Lease } from './leases'
import { runWechatJobs } from './wechat-jobs'
import { sweepPayouts } from '../features/payouts/payouts.service'
import { runDailyReconciliation } from '../features/reconciliation/reconciliation.service'

export interface SweepResult {
  settled: number
  expired: number
  completed: number
}

/** One pass of the background work; each step is safe to run from several processes at once. */
export async function sweepOnce(ctx: AppContext): Promise<SweepResult> {
  const settled = await settleDueDeals(ctx)
  const expired = await expireStaleHolds(ctx.db, ctx.now().toISOString())
  const completed = await completeFinishedDeals(ctx)
  // a reminder as the grace period starts, then unclaimed once it is over
  await enqueueGraceReminders(ctx)
  await markUnclaimedOrders(ctx)
  // retries refunds a provider did not take the first time
  await processPendingRefunds(ctx)
  // approved payouts sent (a retry re-sends the same bill), transfers in flight asked about
  await sweepPayouts(ctx)
  // reminders, unanswered WeChat payments, the outbox (subscription messages, shipping uploads)
  await runWechatJobs(ctx)
  // once a day, yesterday's reconciliation (对账), under its own lease
  await runDailyReconciliation(ctx)
  return { settled, expired, completed }
}

/**
 * Run sweepOnce every config.sweepIntervalMs (and once at start, to catch up after downtime), on one
 * instance at a time: each pass first takes (or renews) the sweeper's lease, and an instance that
 * does not hold it skips the pass. A dead holder's lease runs out after SWEEPER_LEASE_MS (or five
 * intervals, if longer) and the next instance takes over. Passes never overlap; stop() waits for the
 * one in flight and gives the lease back.
 */
export const SWEEPER_LEASE_MS = 5_000

export function startSweeper(
  ctx: AppContext,
  onError: (error: unknown) => void = (error) => console.error('sweeper:', error),
): { stop(): Promise<void>; lease: Lease } {
  const lease = new Lease('sweeper', Math.max(SWEEPER_LEASE_MS, 5 * ctx.config.sweepIntervalMs))
  let running: Promise<void> | null = null
  let stopped = false
  const pass = async () => {
    if (await lease.take(ctx)) await sweepOnce(ctx)
  }
  const tick = () => {
    if (running || stopped) return
    running = pass()
      .then(() => undefined, onError)
      .finally(() => {
        running = null
      })
  }
  const timer = setInterval(tick, ctx.config.sweepIntervalMs)
  timer.unref?.()
  setImmediate(tick)
  return {
    lease,
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
      await lease.release(ctx).catch(onError)
    },
  }
}

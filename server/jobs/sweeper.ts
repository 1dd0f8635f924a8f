import type { AppContext } from '../http/context'
import { expireStaleHolds } from '../features/orders/holds'
import { processPendingRefunds } from '../features/payments/payments.service'
import { completeFinishedDeals, settleDueDeals } from '../features/settlement/settlement.service'
import { runWechatJobs } from './wechat-jobs'

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
  // retries refunds a provider did not take the first time
  await processPendingRefunds(ctx)
  // reminders, unanswered WeChat payments, the outbox (subscription messages, shipping uploads)
  await runWechatJobs(ctx)
  return { settled, expired, completed }
}

/**
 * Run sweepOnce every config.sweepIntervalMs (and once at start, to catch up after downtime).
 * Passes never overlap; stop() waits for the one in flight.
 */
export function startSweeper(
  ctx: AppContext,
  onError: (error: unknown) => void = (error) => console.error('sweeper:', error),
): { stop(): Promise<void> } {
  let running: Promise<void> | null = null
  let stopped = false
  const tick = () => {
    if (running || stopped) return
    running = sweepOnce(ctx)
      .then(() => undefined, onError)
      .finally(() => {
        running = null
      })
  }
  const timer = setInterval(tick, ctx.config.sweepIntervalMs)
  timer.unref?.()
  setImmediate(tick)
  return {
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}

import type { Database } from '../../db/database'
import type { AppContext } from '../../http/context'
import { backoffMs } from '../../jobs/backoff'
import * as repo from './outbox.repository'

/**
 * The outbox job: delivers due rows one attempt at a time, each by the handler its kind was
 * registered with (subscription messages, shipping uploads). A row is claimed by a conditional
 * update, so several instances can run this at once; a failure is retried with exponential backoff
 * (30 s, 1 min, 2 min, ... at most 6 h) up to MAX_ATTEMPTS.
 */
export interface Delivery {
  outcome: 'sent' | 'skipped' | 'retry' | 'failed'
  note?: string
}

/** Delivers one row's payload (as its kind wrote it). */
export type OutboxHandler<P> = (ctx: AppContext, payload: P) => Promise<Delivery>

/** A kind of outbox row: what writes it, typed by the payload its handler reads. */
export interface OutboxKind<P> {
  readonly kind: string
  /** A row for the job, in the caller's transaction; once per dedupe key. */
  enqueue(trx: Database, dedupeKey: string, userId: string | null, payload: P, nowIso: string): Promise<void>
  /** Many rows at once (a deal's every shopper), in as few statements as the databases allow. */
  enqueueMany(trx: Database, rows: readonly { dedupeKey: string; userId: string | null; payload: P }[], nowIso: string): Promise<void>
}

const handlers = new Map<string, OutboxHandler<unknown>>()

/** Each feature registers the kinds it writes, with how they are delivered, when its module loads. */
export function registerOutboxKind<P>(kind: string, handler: OutboxHandler<P>): OutboxKind<P> {
  if (handlers.has(kind)) throw new Error(`outbox kind "${kind}" is registered twice`)
  // the payload was written by this kind's enqueue, so it has the handler's shape
  handlers.set(kind, (ctx, payload) => handler(ctx, payload as P))
  return {
    kind,
    enqueue: (trx, dedupeKey, userId, payload, nowIso) => repo.enqueueOutbox(trx, kind, [{ dedupeKey, userId, payload }], nowIso),
    enqueueMany: (trx, rows, nowIso) => repo.enqueueOutbox(trx, kind, rows, nowIso),
  }
}

export const MAX_ATTEMPTS = 10
const LEASE_MS = 2 * 60_000

export { backoffMs }

async function deliver(ctx: AppContext, kind: string, payload: unknown): Promise<Delivery> {
  const handler = handlers.get(kind)
  if (!handler) return { outcome: 'failed', note: `no handler for outbox kind "${kind}"` }
  try {
    return await handler(ctx, payload)
  } catch (error) {
    return { outcome: 'retry', note: error instanceof Error ? error.message : String(error) }
  }
}

export interface OutboxRun {
  sent: number
  skipped: number
  failed: number
  retried: number
}

export async function deliverOutbox(ctx: AppContext, limit = 50): Promise<OutboxRun> {
  const run: OutboxRun = { sent: 0, skipped: 0, failed: 0, retried: 0 }
  const now = ctx.now()
  const rows = await repo.dueRows(ctx.db, now.toISOString(), limit)
  for (const row of rows) {
    if (!(await repo.claim(ctx.db, row, new Date(now.getTime() + LEASE_MS).toISOString()))) continue
    const attempts = row.attempts + 1
    const result = await deliver(ctx, row.kind, JSON.parse(row.payload))
    const doneIso = ctx.now().toISOString()
    if (result.outcome === 'retry') {
      if (attempts >= MAX_ATTEMPTS) {
        await repo.finish(ctx.db, row.id, 'failed', doneIso, `gave up after ${attempts} attempts: ${result.note ?? ''}`)
        run.failed++
      } else {
        await repo.retryLater(ctx.db, row.id, new Date(ctx.now().getTime() + backoffMs(attempts)).toISOString(), result.note ?? 'retry')
        run.retried++
      }
      continue
    }
    await repo.finish(ctx.db, row.id, result.outcome, doneIso, result.note ?? null)
    run[result.outcome === 'sent' ? 'sent' : result.outcome === 'skipped' ? 'skipped' : 'failed']++
  }
  return run
}

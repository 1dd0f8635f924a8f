import type { Database } from '../../db/database'
import type { OutboxStatus } from '../../db/schema'
import { newId } from '../../http/ids'
import { chunks } from '../../db/chunks'

/** Rows for the outbox job (subscription messages, shipping uploads); once per dedupe key. */
export async function enqueueOutbox(
  trx: Database,
  kind: string,
  rows: readonly { dedupeKey: string; userId: string | null; payload: unknown }[],
  nowIso: string,
): Promise<void> {
  for (const chunk of chunks(rows)) {
    await trx
      .insertInto('outbox')
      .values(
        chunk.map((r) => ({
          id: newId(),
          kind,
          dedupe_key: r.dedupeKey,
          user_id: r.userId,
          payload: JSON.stringify(r.payload),
          status: 'pending' as const,
          attempts: 0,
          next_attempt_at: nowIso,
          last_error: null,
          created_at: nowIso,
          done_at: null,
        })),
      )
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute()
  }
}

/** Due rows, oldest first. */
export function dueRows(db: Database, nowIso: string, limit: number) {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', nowIso)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute()
}

/**
 * Take a row for one delivery attempt: a conditional update that only one instance can win; the
 * lease pushes next_attempt_at ahead so a crashed attempt is retried after it.
 */
export async function claim(db: Database, row: { id: string; next_attempt_at: string }, leaseUntilIso: string): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: leaseUntilIso }))
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '=', row.next_attempt_at)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export async function finish(db: Database, id: string, status: Exclude<OutboxStatus, 'pending'>, nowIso: string, note: string | null): Promise<void> {
  await db.updateTable('outbox').set({ status, done_at: nowIso, last_error: note }).where('id', '=', id).execute()
}

export async function retryLater(db: Database, id: string, atIso: string, error: string): Promise<void> {
  await db.updateTable('outbox').set({ next_attempt_at: atIso, last_error: error }).where('id', '=', id).execute()
}

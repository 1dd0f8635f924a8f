import { sql } from 'kysely'
import { databaseKind, type Database } from '../db/database'

/**
 * Count one request of `key` in its window, atomically (one upsert: concurrent requests on any
 * instance each get their own count): a new window starts when the old one is over.
 */
export async function hit(db: Database, key: string, nowMs: number, windowMs: number): Promise<{ hits: number; windowStartMs: number }> {
  if (databaseKind(db) === 'postgres') {
    // a count lost in a crash costs nothing, so it need not wait for the disk: no fsync per request
    return db.transaction().execute(async (trx) => {
      await sql`set local synchronous_commit = off`.execute(trx)
      return upsertHit(trx, key, nowMs, windowMs)
    })
  }
  return upsertHit(db, key, nowMs, windowMs)
}

async function upsertHit(db: Database, key: string, nowMs: number, windowMs: number): Promise<{ hits: number; windowStartMs: number }> {
  const freshSince = nowMs - windowMs
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start_ms: nowMs, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when rate_limits.window_start_ms > ${freshSince} then rate_limits.hits + 1 else 1 end`,
        window_start_ms: sql<number>`case when rate_limits.window_start_ms > ${freshSince} then rate_limits.window_start_ms else ${nowMs} end`,
      }),
    )
    .returning(['hits', 'window_start_ms'])
    .executeTakeFirstOrThrow()
  return { hits: Number(row.hits), windowStartMs: Number(row.window_start_ms) }
}

/** The count so far, without counting. */
export async function peek(db: Database, key: string): Promise<{ hits: number; windowStartMs: number } | null> {
  const row = await db.selectFrom('rate_limits').select(['hits', 'window_start_ms']).where('key', '=', key).executeTakeFirst()
  return row ? { hits: Number(row.hits), windowStartMs: Number(row.window_start_ms) } : null
}

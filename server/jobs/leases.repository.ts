import type { Database } from '../db/database'

/** Make sure the lease row exists (held by nobody: already expired). */
export async function ensureLease(db: Database, name: string): Promise<void> {
  await db
    .insertInto('job_leases')
    .values({ name, holder: '', expires_at: '1970-01-01T00:00:00.000Z' })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
}

/**
 * Take or renew the lease in one conditional update: it goes to `holder` only if it is already
 * theirs or has run out, so two instances asking at once cannot both get it.
 */
export async function takeLease(db: Database, name: string, holder: string, nowIso: string, untilIso: string): Promise<boolean> {
  const result = await db
    .updateTable('job_leases')
    .set({ holder, expires_at: untilIso })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('holder', '=', holder), eb('expires_at', '<=', nowIso)]))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Give the lease back at once (a clean stop), if it is still ours. */
export async function releaseLease(db: Database, name: string, holder: string): Promise<void> {
  await db.updateTable('job_leases').set({ expires_at: '1970-01-01T00:00:00.000Z' }).where('name', '=', name).where('holder', '=', holder).execute()
}

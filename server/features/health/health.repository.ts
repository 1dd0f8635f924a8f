import { sql } from 'kysely'
import type { Database } from '../../db/database'

/** The cheapest statement the database must answer. */
export async function ping(db: Database): Promise<void> {
  await sql`select 1`.execute(db)
}

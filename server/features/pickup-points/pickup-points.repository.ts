import type { Database } from '../../db/database'
import type { PickupPointRow } from './pickup-point-view'

export function listAllPoints(db: Database) {
  return db.selectFrom('pickup_points').selectAll().orderBy('created_at').orderBy('id').execute()
}

export function listPointsOfLeader(db: Database, leaderId: string) {
  return db.selectFrom('pickup_points').selectAll().where('leader_id', '=', leaderId).orderBy('created_at').orderBy('id').execute()
}

export function findPoint(db: Database, id: string) {
  return db.selectFrom('pickup_points').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function insertPoint(db: Database, row: PickupPointRow): Promise<void> {
  await db.insertInto('pickup_points').values(row).execute()
}

/** Updates only the leader's own point; the number of rows changed says whether it was theirs. */
export async function updateOwnPoint(
  db: Database,
  id: string,
  leaderId: string,
  patch: Partial<Omit<PickupPointRow, 'id' | 'leader_id' | 'created_at'>>,
): Promise<boolean> {
  const result = await db.updateTable('pickup_points').set(patch).where('id', '=', id).where('leader_id', '=', leaderId).executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

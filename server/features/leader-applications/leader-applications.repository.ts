import type { LeaderApplicationStatus } from '../../../types/api'
import type { Database } from '../../db/database'
import type { LeaderApplicationsTable } from '../../db/schema'

export type ApplicationRow = LeaderApplicationsTable
export type ApplicationWithNickname = ApplicationRow & { nickname: string }

const withNickname = (db: Database) =>
  db
    .selectFrom('leader_applications')
    .innerJoin('users', 'users.id', 'leader_applications.user_id')
    .selectAll('leader_applications')
    .select('users.nickname as nickname')

export function findApplication(db: Database, id: string): Promise<ApplicationWithNickname | undefined> {
  return withNickname(db).where('leader_applications.id', '=', id).executeTakeFirst()
}

/** The user's most recent application, whatever its status. */
export function latestOfUser(db: Database, userId: string): Promise<ApplicationWithNickname | undefined> {
  return withNickname(db)
    .where('leader_applications.user_id', '=', userId)
    .orderBy('leader_applications.created_at', 'desc')
    .orderBy('leader_applications.id', 'desc')
    .executeTakeFirst()
}

export function listApplications(db: Database, status?: LeaderApplicationStatus): Promise<ApplicationWithNickname[]> {
  let q = withNickname(db)
  if (status) q = q.where('leader_applications.status', '=', status)
  return q.orderBy('leader_applications.created_at', 'desc').orderBy('leader_applications.id').limit(200).execute()
}

export async function insertApplication(db: Database, row: ApplicationRow): Promise<void> {
  await db.insertInto('leader_applications').values(row).execute()
}

/**
 * Moves a pending application on; only one of two concurrent reviews changes a row, so the number
 * of rows changed says whether this review won.
 */
export async function reviewPending(
  db: Database,
  id: string,
  patch: Pick<ApplicationRow, 'status' | 'reviewed_by' | 'reviewed_at'> &
    Partial<Pick<ApplicationRow, 'reject_reason' | 'commission_bps' | 'pickup_point_id'>>,
): Promise<boolean> {
  const result = await db.updateTable('leader_applications').set(patch).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

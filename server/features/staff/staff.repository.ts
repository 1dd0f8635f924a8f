import type { Database } from '../../db/database'
import type { StaffInvitesTable } from '../../db/schema'

export function findPoint(db: Database, id: string) {
  return db.selectFrom('pickup_points').select(['id', 'name', 'address', 'leader_id']).where('id', '=', id).executeTakeFirst()
}

export async function insertInvite(db: Database, row: StaffInvitesTable): Promise<void> {
  await db.insertInto('staff_invites').values(row).execute()
}

export function findInvite(db: Database, code: string) {
  return db
    .selectFrom('staff_invites')
    .innerJoin('pickup_points', 'pickup_points.id', 'staff_invites.pickup_point_id')
    .innerJoin('users', 'users.id', 'staff_invites.leader_id')
    .select([
      'staff_invites.code',
      'staff_invites.pickup_point_id',
      'staff_invites.leader_id',
      'staff_invites.expires_at',
      'staff_invites.used_by',
      'pickup_points.name as point_name',
      'pickup_points.address as point_address',
      'users.nickname as leader_nickname',
    ])
    .where('staff_invites.code', '=', code)
    .executeTakeFirst()
}

/** Take an invite once: of two accepting at the same moment, one gets it. */
export async function useInvite(trx: Database, code: string, userId: string, nowIso: string): Promise<boolean> {
  const r = await trx
    .updateTable('staff_invites')
    .set({ used_by: userId, used_at: nowIso })
    .where('code', '=', code)
    .where('used_by', 'is', null)
    .where('expires_at', '>', nowIso)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/** Grant (or grant again, after a removal) this person staff rights at this point. */
export async function grantStaff(
  trx: Database,
  row: { id: string; pickup_point_id: string; user_id: string; invited_by: string; created_at: string },
) {
  await trx
    .insertInto('pickup_staff')
    .values({ ...row, removed_at: null })
    .onConflict((oc) =>
      oc.columns(['pickup_point_id', 'user_id']).doUpdateSet({ removed_at: null, invited_by: row.invited_by, created_at: row.created_at }),
    )
    .execute()
}

/** The live staff at a leader's points. */
export function staffOfLeader(db: Database, leaderId: string) {
  return db
    .selectFrom('pickup_staff')
    .innerJoin('pickup_points', 'pickup_points.id', 'pickup_staff.pickup_point_id')
    .innerJoin('users', 'users.id', 'pickup_staff.user_id')
    .select([
      'pickup_staff.id',
      'pickup_staff.user_id',
      'pickup_staff.created_at',
      'users.nickname',
      'pickup_points.id as point_id',
      'pickup_points.name as point_name',
    ])
    .where('pickup_points.leader_id', '=', leaderId)
    .where('pickup_staff.removed_at', 'is', null)
    .orderBy('pickup_points.name')
    .orderBy('pickup_staff.created_at')
    .execute()
}

export function findGrant(db: Database, id: string) {
  return db
    .selectFrom('pickup_staff')
    .innerJoin('pickup_points', 'pickup_points.id', 'pickup_staff.pickup_point_id')
    .select(['pickup_staff.id', 'pickup_staff.removed_at', 'pickup_points.leader_id'])
    .where('pickup_staff.id', '=', id)
    .executeTakeFirst()
}

export async function removeGrant(db: Database, id: string, nowIso: string): Promise<void> {
  await db.updateTable('pickup_staff').set({ removed_at: nowIso }).where('id', '=', id).where('removed_at', 'is', null).execute()
}

/** Whether this person is (still) staff at this point. */
export async function isStaffAt(db: Database, userId: string, pointId: string): Promise<boolean> {
  const row = await db
    .selectFrom('pickup_staff')
    .select('id')
    .where('user_id', '=', userId)
    .where('pickup_point_id', '=', pointId)
    .where('removed_at', 'is', null)
    .executeTakeFirst()
  return row !== undefined
}

/** The points this person verifies at: her own, then those she is staff at. */
export async function countersOf(db: Database, userId: string) {
  const own = await db.selectFrom('pickup_points').select(['id', 'name']).where('leader_id', '=', userId).orderBy('name').execute()
  const staff = await db
    .selectFrom('pickup_staff')
    .innerJoin('pickup_points', 'pickup_points.id', 'pickup_staff.pickup_point_id')
    .select(['pickup_points.id', 'pickup_points.name'])
    .where('pickup_staff.user_id', '=', userId)
    .where('pickup_staff.removed_at', 'is', null)
    .orderBy('pickup_points.name')
    .execute()
  return { own, staff }
}

/** Deals that succeeded whose goods have not been marked arrived yet at a point this person is staff at. */
export function awaitingArrival(db: Database, userId: string) {
  return db
    .selectFrom('pickup_staff')
    .innerJoin('pickup_points', 'pickup_points.id', 'pickup_staff.pickup_point_id')
    .innerJoin('orders', 'orders.pickup_point_id', 'pickup_staff.pickup_point_id')
    .innerJoin('deals', 'deals.id', 'orders.deal_id')
    .select((eb) => [
      'deals.id as deal_id',
      'deals.title',
      'pickup_points.id as point_id',
      'pickup_points.name as point_name',
      eb.fn.countAll<number>().as('waiting'),
    ])
    .where('pickup_staff.user_id', '=', userId)
    .where('pickup_staff.removed_at', 'is', null)
    .where('deals.status', '=', 'succeeded')
    .where('orders.status', '=', 'confirmed')
    .groupBy(['deals.id', 'deals.title', 'pickup_points.id', 'pickup_points.name'])
    .orderBy('deals.title')
    .limit(100)
    .execute()
}

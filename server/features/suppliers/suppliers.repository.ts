import type { SupplierStatus } from '../../../types/api'
import type { Database } from '../../db/database'
import type { SuppliersTable } from '../../db/schema'

/** A supplier with its person's nickname and whether the operator suspended that person. */
export type SupplierRow = SuppliersTable & { nickname: string; user_suspended_at?: string | null }

const withUser = (db: Database) =>
  db
    .selectFrom('suppliers')
    .innerJoin('users', 'users.id', 'suppliers.user_id')
    .selectAll('suppliers')
    .select(['users.nickname as nickname', 'users.suspended_at as user_suspended_at'])

export function findSupplier(db: Database, id: string): Promise<SupplierRow | undefined> {
  return withUser(db).where('suppliers.id', '=', id).executeTakeFirst()
}

/** A person's supplier (one per person: user_id is unique), whatever its status. */
export function supplierOfUser(db: Database, userId: string): Promise<SupplierRow | undefined> {
  return withUser(db).where('suppliers.user_id', '=', userId).executeTakeFirst()
}

export function listSuppliers(db: Database, status?: SupplierStatus): Promise<SupplierRow[]> {
  let q = withUser(db)
  if (status) q = q.where('suppliers.status', '=', status)
  return q.orderBy('suppliers.created_at', 'desc').orderBy('suppliers.id').limit(200).execute()
}

export async function insertSupplier(db: Database, row: SuppliersTable): Promise<void> {
  await db.insertInto('suppliers').values(row).execute()
}

/**
 * Change a supplier only while it is in one of `from` (a review, a re-application): of two at once
 * only one changes the row, and the number changed says whether this one won.
 */
export async function updateSupplierIn(db: Database, id: string, from: SupplierStatus[], patch: Partial<SuppliersTable>): Promise<boolean> {
  const result = await db.updateTable('suppliers').set(patch).where('id', '=', id).where('status', 'in', from).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

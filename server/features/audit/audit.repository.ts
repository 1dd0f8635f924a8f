import type { Database } from '../../db/database'
import type { AuditLogTable } from '../../db/schema'

export type AuditRow = AuditLogTable

export async function insertAudit(db: Database, row: AuditRow): Promise<void> {
  await db.insertInto('audit_log').values(row).execute()
}

/** Newest first; optionally one target's history. */
export async function listAudit(
  db: Database,
  filter: { targetKind?: string; targetId?: string; before?: string; limit: number },
): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll()
  if (filter.targetKind) q = q.where('target_kind', '=', filter.targetKind)
  if (filter.targetId) q = q.where('target_id', '=', filter.targetId)
  if (filter.before) q = q.where('created_at', '<', filter.before)
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute()
}

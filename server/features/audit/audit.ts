import type { Database } from '../../db/database'
import { newId } from '../../http/ids'
import * as repo from './audit.repository'

/** What an operator did, to what, and the thing before and after (any JSON-able value; null when absent). */
export interface AuditEntry {
  actorId: string
  /** dotted verb, e.g. `payout.approve`, `leader.commission`, `supplier.approve`, `refund.retry` */
  action: string
  /** `payout`, `user`, `deal`, `refund`, `supplier`, `leader_application`, `after_sales`, `reconciliation` ... */
  targetKind: string
  targetId: string
  before: unknown
  after: unknown
}

/**
 * Write one admin action to the audit log, in the caller's transaction (so an action that rolls
 * back leaves no entry, and one that commits always has one). Every admin write calls this.
 */
export async function audit(trx: Database, entry: AuditEntry, nowIso: string): Promise<void> {
  await repo.insertAudit(trx, {
    id: newId(),
    actor_id: entry.actorId,
    action: entry.action,
    target_kind: entry.targetKind,
    target_id: entry.targetId,
    before: entry.before === null || entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === null || entry.after === undefined ? null : JSON.stringify(entry.after),
    created_at: nowIso,
  })
}

export { listAudit, type AuditRow } from './audit.repository'

import type { Supplier, SupplierApplicationInput, SupplierProfilePatch, User } from '../../../types/api'
import { Role, SupplierStatus } from '../../../types/api'
import type { SuppliersTable } from '../../db/schema'
import type { AppContext } from '../../http/context'
import { AppError, badRequest, conflict, forbidden, notFound } from '../../http/errors'
import { newId } from '../../http/ids'
import { audit } from '../audit/audit'
import { grantRole } from '../auth/auth.service'
import { PHONE_PATTERN } from '../leader-applications/leader-applications.service'
import { onSupplierApplicationReviewed } from '../notifications/notifications.service'
import * as repo from './suppliers.repository'
import type { SupplierRow } from './suppliers.repository'

/** Suspended by the operator: the supplier row itself, or the person behind it. */
export const isSuspended = (row: SupplierRow) => row.status === SupplierStatus.suspended || (row.user_suspended_at ?? null) !== null

export function toSupplier(row: SupplierRow): Supplier {
  return {
    id: row.id,
    userId: row.user_id,
    nickname: row.nickname,
    name: row.name,
    contactName: row.contact_name,
    phone: row.phone,
    depotAddress: row.depot_address,
    depotLat: Number(row.depot_lat),
    depotLng: Number(row.depot_lng),
    status: row.status,
    suspended: isSuspended(row),
    rejectReason: row.reject_reason,
    createdAt: row.created_at,
    reviewedAt: row.reviewed_at,
  }
}

function requireText(value: string, field: string): string {
  const clean = value.trim()
  if (clean === '') throw badRequest('VALIDATION_FAILED', `请求参数有误：${field} 不能为空`)
  return clean
}

/** The columns of a supplier's own words, trimmed and checked (any of them, for a profile edit). */
function cleanFields(input: SupplierProfilePatch): Partial<SuppliersTable> {
  const out: Partial<SuppliersTable> = {}
  if (input.name !== undefined) out.name = requireText(input.name, 'name')
  if (input.contactName !== undefined) out.contact_name = requireText(input.contactName, 'contactName')
  if (input.phone !== undefined) {
    const phone = input.phone.trim()
    if (!PHONE_PATTERN.test(phone)) throw badRequest('VALIDATION_FAILED', '请填写 11 位手机号')
    out.phone = phone
  }
  if (input.depotAddress !== undefined) out.depot_address = requireText(input.depotAddress, 'depotAddress')
  if (input.depotLat !== undefined) out.depot_lat = input.depotLat
  if (input.depotLng !== undefined) out.depot_lng = input.depotLng
  return out
}

/**
 * A person asks to become a supplier (供货商). One supplier per person: while one is pending or
 * approved, asking again is refused; after a rejection the same row asks again, with new words.
 */
export async function apply(ctx: AppContext, user: User, input: SupplierApplicationInput): Promise<Supplier> {
  const fields = cleanFields(input) as Pick<SuppliersTable, 'name' | 'contact_name' | 'phone' | 'depot_address' | 'depot_lat' | 'depot_lng'>
  const nowIso = ctx.now().toISOString()
  const existing = await repo.supplierOfUser(ctx.db, user.id)
  if (existing?.status === SupplierStatus.pending) throw conflict('APPLICATION_PENDING', '你的申请正在审核中，请耐心等待')
  if (existing && existing.status !== SupplierStatus.rejected) throw conflict('ALREADY_SUPPLIER', '你已经是供货商了')
  if (existing) {
    const again = await repo.updateSupplierIn(ctx.db, existing.id, [SupplierStatus.rejected], {
      ...fields,
      status: SupplierStatus.pending,
      reject_reason: null,
      reviewed_by: null,
      reviewed_at: null,
      created_at: nowIso,
      updated_at: nowIso,
    })
    if (!again) throw conflict('APPLICATION_PENDING', '你的申请正在审核中，请耐心等待')
    return toSupplier((await repo.findSupplier(ctx.db, existing.id))!)
  }
  const id = newId()
  try {
    await repo.insertSupplier(ctx.db, {
      id,
      user_id: user.id,
      ...fields,
      status: SupplierStatus.pending,
      reject_reason: null,
      reviewed_by: null,
      reviewed_at: null,
      created_at: nowIso,
      updated_at: nowIso,
    })
  } catch (error) {
    // two applications at once: the unique user_id lets one in
    if (await repo.supplierOfUser(ctx.db, user.id)) throw conflict('APPLICATION_PENDING', '你的申请正在审核中，请耐心等待')
    throw error
  }
  return toSupplier((await repo.findSupplier(ctx.db, id))!)
}

/** The signed-in person's supplier, whatever its status, or null. */
export async function mine(ctx: AppContext, userId: string): Promise<Supplier | null> {
  const row = await repo.supplierOfUser(ctx.db, userId)
  return row ? toSupplier(row) : null
}

/** A supplier edits its profile (name, contact, depot): pending or approved (a suspended one too: the operator reads it). */
export async function updateProfile(ctx: AppContext, user: User, patch: SupplierProfilePatch): Promise<Supplier> {
  const row = await repo.supplierOfUser(ctx.db, user.id)
  if (!row || row.status === SupplierStatus.rejected) throw notFound('供货商')
  const fields = cleanFields(patch)
  const changed = await repo.updateSupplierIn(ctx.db, row.id, [SupplierStatus.pending, SupplierStatus.approved, SupplierStatus.suspended], {
    ...fields,
    updated_at: ctx.now().toISOString(),
  })
  if (!changed) throw notFound('供货商')
  return toSupplier((await repo.findSupplier(ctx.db, row.id))!)
}

export async function list(ctx: AppContext, status?: SupplierStatus): Promise<Supplier[]> {
  return (await repo.listSuppliers(ctx.db, status)).map(toSupplier)
}

function alreadyReviewed(row: SupplierRow) {
  return conflict('ALREADY_REVIEWED', row.status === SupplierStatus.rejected ? '这份申请已经被拒绝了' : '这份申请已经通过了')
}

/**
 * The operator's answer, all or nothing in one transaction: the supplier moves from pending (only
 * one review can), on approval the person gains the supplier role, the applicant's message, and
 * the audit entry.
 */
async function review(ctx: AppContext, adminId: string, id: string, answer: { approved: true } | { approved: false; reason: string }) {
  const existing = await repo.findSupplier(ctx.db, id)
  if (!existing) throw notFound('供货商申请')
  if (existing.status !== SupplierStatus.pending) throw alreadyReviewed(existing)
  const nowIso = ctx.now().toISOString()
  const reason = answer.approved ? null : requireText(answer.reason, 'reason')
  const status = answer.approved ? SupplierStatus.approved : SupplierStatus.rejected
  const won = await ctx.db.transaction().execute(async (trx) => {
    const moved = await repo.updateSupplierIn(trx, id, [SupplierStatus.pending], {
      status,
      reject_reason: reason,
      reviewed_by: adminId,
      reviewed_at: nowIso,
      updated_at: nowIso,
    })
    if (!moved) return false
    if (answer.approved && !(await grantRole(trx, existing.user_id, Role.supplier))) throw notFound('申请人')
    await onSupplierApplicationReviewed(
      trx,
      { supplierId: id, userId: existing.user_id, approved: answer.approved, name: existing.name, reason },
      nowIso,
    )
    await audit(
      trx,
      {
        actorId: adminId,
        action: answer.approved ? 'supplier.approve' : 'supplier.reject',
        targetKind: 'supplier',
        targetId: id,
        before: { status: existing.status },
        after: { status, reason },
      },
      nowIso,
    )
    return true
  })
  const after = (await repo.findSupplier(ctx.db, id))!
  if (!won) throw alreadyReviewed(after)
  return toSupplier(after)
}

export const approve = (ctx: AppContext, adminId: string, id: string) => review(ctx, adminId, id, { approved: true })
export const reject = (ctx: AppContext, adminId: string, id: string, reason: string) => review(ctx, adminId, id, { approved: false, reason })

/** The signed-in person's supplier as it may act (read its deals): approved or suspended; otherwise 403. */
export async function supplierOf(ctx: AppContext, user: User): Promise<SupplierRow> {
  const row = await repo.supplierOfUser(ctx.db, user.id)
  if (!row || (row.status !== SupplierStatus.approved && row.status !== SupplierStatus.suspended)) {
    throw forbidden('仅供货商可用')
  }
  return row
}

/** The same, refused while suspended: a suspended supplier opens and publishes no deals. */
export async function activeSupplierOf(ctx: AppContext, user: User): Promise<SupplierRow> {
  const row = await supplierOf(ctx, user)
  if (isSuspended(row)) throw new AppError(403, 'ACCOUNT_SUSPENDED', '供货商账号已暂停，不能发布团购')
  return row
}

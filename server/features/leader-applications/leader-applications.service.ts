import type { LeaderApplication, LeaderApplicationInput, User } from '../../../types/api'
import { LeaderApplicationStatus } from '../../../types/api'
import type { AppContext } from '../../http/context'
import { badRequest, conflict, notFound } from '../../http/errors'
import { newId } from '../../http/ids'
import { DEFAULT_COMMISSION_BPS, hasRole, makeLeader } from '../auth/auth.service'
import { onApplicationReviewed } from '../notifications/notifications.service'
import { cleanInput, insertPoint } from '../pickup-points/pickup-points.service'
import { audit } from '../audit/audit'
import * as repo from './leader-applications.repository'
import type { ApplicationWithNickname } from './leader-applications.repository'

/** mainland mobile numbers: 11 digits starting with 1 */
export const PHONE_PATTERN = /^1\d{10}$/

export function toApplication(row: ApplicationWithNickname): LeaderApplication {
  return {
    id: row.id,
    userId: row.user_id,
    nickname: row.nickname,
    name: row.name,
    community: row.community,
    phone: row.phone,
    pickupPoint: {
      name: row.point_name,
      address: row.point_address,
      lat: Number(row.point_lat),
      lng: Number(row.point_lng),
      hours: row.point_hours,
      contact: row.point_contact,
    },
    status: row.status,
    rejectReason: row.reject_reason,
    commissionBps: row.commission_bps === null ? null : Number(row.commission_bps),
    pickupPointId: row.pickup_point_id,
    createdAt: row.created_at,
    reviewedAt: row.reviewed_at,
  }
}

function requireText(value: string, field: string): string {
  const clean = value.trim()
  if (clean === '') throw badRequest('VALIDATION_FAILED', `请求参数有误：${field} 不能为空`)
  return clean
}

export async function apply(ctx: AppContext, user: User, input: LeaderApplicationInput): Promise<LeaderApplication> {
  const name = requireText(input.name, 'name')
  const community = requireText(input.community, 'community')
  const phone = input.phone.trim()
  if (!PHONE_PATTERN.test(phone)) throw badRequest('VALIDATION_FAILED', '请填写 11 位手机号')
  const point = cleanInput(input.pickupPoint) as LeaderApplication['pickupPoint']

  if (hasRole(user, 'leader')) throw conflict('ALREADY_LEADER', '你已经是团长了')
  const latest = await repo.latestOfUser(ctx.db, user.id)
  if (latest?.status === 'pending') throw conflict('APPLICATION_PENDING', '你的申请正在审核中，请耐心等待')

  const row = {
    id: newId(),
    user_id: user.id,
    name,
    community,
    phone,
    point_name: point.name,
    point_address: point.address,
    point_lat: point.lat,
    point_lng: point.lng,
    point_hours: point.hours,
    point_contact: point.contact,
    status: LeaderApplicationStatus.pending,
    reject_reason: null,
    commission_bps: null,
    pickup_point_id: null,
    reviewed_by: null,
    reviewed_at: null,
    created_at: ctx.now().toISOString(),
  }
  await repo.insertApplication(ctx.db, row)
  return toApplication({ ...row, nickname: user.nickname })
}

export async function mine(ctx: AppContext, userId: string): Promise<LeaderApplication | null> {
  const row = await repo.latestOfUser(ctx.db, userId)
  return row ? toApplication(row) : null
}

export async function list(ctx: AppContext, status?: LeaderApplicationStatus): Promise<LeaderApplication[]> {
  return (await repo.listApplications(ctx.db, status)).map(toApplication)
}

function alreadyReviewed(row: ApplicationWithNickname) {
  return conflict('ALREADY_REVIEWED', row.status === 'approved' ? '这份申请已经通过了' : '这份申请已经被拒绝了')
}

/**
 * Approval, all or nothing in one transaction: the application moves from pending (only one review
 * can), the applicant becomes a leader at the given commission, and their first pickup point exists.
 */
export async function approve(
  ctx: AppContext,
  adminId: string,
  id: string,
  commissionBps: number = DEFAULT_COMMISSION_BPS,
): Promise<LeaderApplication> {
  const existing = await repo.findApplication(ctx.db, id)
  if (!existing) throw notFound('申请')
  if (existing.status !== 'pending') throw alreadyReviewed(existing)
  const now = ctx.now().toISOString()
  const pointId = newId()

  const won = await ctx.db.transaction().execute(async (trx) => {
    const moved = await repo.reviewPending(trx, id, {
      status: 'approved',
      reviewed_by: adminId,
      reviewed_at: now,
      commission_bps: commissionBps,
      pickup_point_id: pointId,
    })
    if (!moved) return false
    if (!(await makeLeader(trx, existing.user_id, commissionBps))) throw notFound('申请人')
    await insertPoint(trx, {
      id: pointId,
      leader_id: existing.user_id,
      name: existing.point_name,
      address: existing.point_address,
      lat: existing.point_lat,
      lng: existing.point_lng,
      hours: existing.point_hours,
      contact: existing.point_contact,
      created_at: now,
      updated_at: now,
    })
    // the form promised it: the applicant hears it in their Messages
    await onApplicationReviewed(
      trx,
      { applicationId: id, userId: existing.user_id, approved: true, pointName: existing.point_name, reason: null },
      now,
    )
    await audit(
      trx,
      {
        actorId: adminId,
        action: 'leader_application.approve',
        targetKind: 'leader_application',
        targetId: id,
        before: { status: existing.status, userId: existing.user_id },
        after: { status: 'approved', userId: existing.user_id, commissionBps, pickupPointId: pointId },
      },
      now,
    )
    return true
  })
  const after = (await repo.findApplication(ctx.db, id))!
  if (!won) throw alreadyReviewed(after)
  return toApplication(after)
}

export async function reject(ctx: AppContext, adminId: string, id: string, reason: string): Promise<LeaderApplication> {
  const clean = requireText(reason, 'reason')
  const existing = await repo.findApplication(ctx.db, id)
  if (!existing) throw notFound('申请')
  if (existing.status !== 'pending') throw alreadyReviewed(existing)
  const now = ctx.now().toISOString()
  // the refusal and the applicant's message together, or neither
  const moved = await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.reviewPending(trx, id, { status: 'rejected', reviewed_by: adminId, reviewed_at: now, reject_reason: clean }))) return false
    await onApplicationReviewed(
      trx,
      { applicationId: id, userId: existing.user_id, approved: false, pointName: existing.point_name, reason: clean },
      now,
    )
    await audit(
      trx,
      {
        actorId: adminId,
        action: 'leader_application.reject',
        targetKind: 'leader_application',
        targetId: id,
        before: { status: existing.status, userId: existing.user_id },
        after: { status: 'rejected', userId: existing.user_id, reason: clean },
      },
      now,
    )
    return true
  })
  const after = (await repo.findApplication(ctx.db, id))!
  if (!moved) throw alreadyReviewed(after)
  return toApplication(after)
}

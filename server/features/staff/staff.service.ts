import crypto from 'node:crypto'
import type { User } from '../../../types/api'
import type { AppContext } from '../../http/context'
import { AppError, conflict, notFound } from '../../http/errors'
import { newId } from '../../http/ids'
import { findUserById } from '../auth/auth.repository'
import { toUser } from '../auth/auth.service'
import { markArrived } from '../leader-deals/leader-deals.service'
import { settleDueDeals } from '../settlement/settlement.service'
import * as repo from './staff.repository'

/**
 * Pickup staff (核销员): a per-point grant, not a role. A leader invites someone to one of her points
 * (a code in a link, used once, expiring); the invitee accepts signed in and may then look up and
 * verify codes and mark arrivals at that point only (see pickups.service.ts for the verification
 * side). Earnings and other points stay the leader's. Removing a grant takes effect at once: every
 * request reads the grant afresh.
 */

const staffPath = (code: string) => `leader/pages/staff/index?invite=${code}`

/** A leader's point, or 404 (another leader's point is nobody's business). */
async function ownPoint(ctx: AppContext, leader: User, pointId: string) {
  const point = await repo.findPoint(ctx.db, pointId)
  if (!point || point.leader_id !== leader.id) throw notFound('自提点')
  return point
}

export async function invite(ctx: AppContext, leader: User, pointId: string) {
  const point = await ownPoint(ctx, leader, pointId)
  const now = ctx.now()
  const code = crypto.randomBytes(9).toString('base64url')
  const expiresAt = new Date(now.getTime() + ctx.config.staffInviteHours * 3_600_000).toISOString()
  await repo.insertInvite(ctx.db, {
    code,
    pickup_point_id: point.id,
    leader_id: leader.id,
    created_at: now.toISOString(),
    expires_at: expiresAt,
    used_by: null,
    used_at: null,
  })
  return { code, path: staffPath(code), pickupPoint: { id: point.id, name: point.name }, expiresAt }
}

async function liveInvite(ctx: AppContext, user: User, code: string) {
  const row = await repo.findInvite(ctx.db, code)
  if (!row) throw notFound('邀请')
  if (row.used_by && row.used_by !== user.id) throw conflict('STAFF_INVITE_USED', '这个核销员邀请已被使用，请向团长要一个新的')
  if (!row.used_by && row.expires_at <= ctx.now().toISOString()) {
    throw new AppError(410, 'STAFF_INVITE_EXPIRED', '这个核销员邀请已过期，请向团长要一个新的')
  }
  if (row.leader_id === user.id) throw conflict('STAFF_INVITE_OWN', '这是你自己的自提点，不需要成为核销员')
  return row
}

export async function viewInvite(ctx: AppContext, user: User, code: string) {
  const row = await liveInvite(ctx, user, code)
  return {
    invite: {
      pickupPoint: { id: row.pickup_point_id, name: row.point_name, address: row.point_address },
      leader: row.leader_nickname,
      expiresAt: row.expires_at,
    },
  }
}

export async function acceptInvite(ctx: AppContext, user: User, code: string) {
  const row = await liveInvite(ctx, user, code)
  const nowIso = ctx.now().toISOString()
  if (row.used_by !== user.id) {
    const taken = await ctx.db.transaction().execute(async (trx) => {
      if (!(await repo.useInvite(trx, code, user.id, nowIso))) return false
      await repo.grantStaff(trx, {
        id: newId(),
        pickup_point_id: row.pickup_point_id,
        user_id: user.id,
        invited_by: row.leader_id,
        created_at: nowIso,
      })
      return true
    })
    // someone else took it, or it ran out, in the same moment
    if (!taken) throw conflict('STAFF_INVITE_USED', '这个核销员邀请已被使用，请向团长要一个新的')
  }
  return { pickupPoint: { id: row.pickup_point_id, name: row.point_name } }
}

export async function listStaff(ctx: AppContext, leader: User) {
  const rows = await repo.staffOfLeader(ctx.db, leader.id)
  return {
    staff: rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      nickname: r.nickname,
      pickupPoint: { id: r.point_id, name: r.point_name },
      createdAt: r.created_at,
    })),
  }
}

/** Removing is at once: the next request of theirs finds no grant. Removing twice is fine. */
export async function removeStaff(ctx: AppContext, leader: User, id: string) {
  const grant = await repo.findGrant(ctx.db, id)
  if (!grant || grant.leader_id !== leader.id) throw notFound('核销员')
  await repo.removeGrant(ctx.db, id, ctx.now().toISOString())
  return { ok: true }
}

/** The counters this person works at, for the verify screen to say where it is. */
export async function myCounters(ctx: AppContext, user: User) {
  const { own, staff } = await repo.countersOf(ctx.db, user.id)
  return {
    points: [...own.map((p) => ({ ...p, role: 'leader' as const })), ...staff.map((p) => ({ ...p, role: 'staff' as const }))],
  }
}

/** 到货 by staff: only at a point they are staff at; the deal must be the point's leader's. */
export async function staffArrival(ctx: AppContext, user: User, dealId: string, pointId: string) {
  const point = await repo.findPoint(ctx.db, pointId)
  if (!point) throw notFound('自提点')
  if (!(await repo.isStaffAt(ctx.db, user.id, pointId))) {
    throw new AppError(403, 'STAFF_WRONG_POINT', `你不是「${point.name}」的核销员`)
  }
  const leader = await findUserById(ctx.db, point.leader_id)
  return markArrived(ctx, toUser(leader!), dealId, pointId)
}

/** What a staff member can mark arrived: succeeded deals with orders still waiting at their points. */
export async function arrivalsToMark(ctx: AppContext, user: User) {
  // a deal past its cutoff is settled first (one indexed query when nothing is due)
  await settleDueDeals(ctx)
  const rows = await repo.awaitingArrival(ctx.db, user.id)
  return {
    arrivals: rows.map((r) => ({
      dealId: r.deal_id,
      dealTitle: r.title,
      pickupPoint: { id: r.point_id, name: r.point_name },
      waitingOrders: Number(r.waiting),
    })),
  }
}

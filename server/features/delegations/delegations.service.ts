import crypto from 'node:crypto'
import type { User } from '../../../types/api'
import { DelegationStatus } from '../../../types/contract/statuses'
import { DelegationRefusal, acceptRefusal, canDelegate, maskName } from '../../../src/domain'
import { isUniqueViolation } from '../../db/errors'
import type { AppContext } from '../../http/context'
import { AppError, conflict, notFound } from '../../http/errors'
import { newId } from '../../http/ids'
import { freePickupCode } from '../pickups/pickup-codes'
import { settleIfDue } from '../settlement/settlement.service'
import { signPickupQr } from '../pickups/pickup-qr'
import * as repo from './delegations.repository'

/**
 * Proxy pickup (代取): the owner of a confirmed or ready order makes a link (a share card in WeChat);
 * the neighbour who opens it signed in accepts it and gets a six-digit code and QR of their own,
 * drawn like an order's (never one a live order or another live proxy holds), shown to them alone.
 * The owner's own code keeps working; verifying either spends both (pickups.repository
 * markPickedUp). The owner can revoke until pickup; a revoked code is refused at the counter.
 */

const proxyPath = (token: string) => `shopper/pages/proxy/index?token=${token}`

type Live = NonNullable<Awaited<ReturnType<typeof repo.liveDelegationOf>>>

function toOwnerView(d: Live) {
  return {
    id: d.id,
    orderId: d.order_id,
    status: d.status,
    token: d.token,
    path: proxyPath(d.token),
    delegate: d.delegate_nickname ? maskName(d.delegate_nickname) : null,
    createdAt: d.created_at,
    acceptedAt: d.accepted_at,
  }
}

/** The owner's order, or 404 for anyone else (delegating someone else's order finds nothing). */
async function ownOrder(ctx: AppContext, user: User, orderId: string) {
  const order = await repo.findOrder(ctx.db, orderId)
  if (!order || order.user_id !== user.id) throw notFound('订单')
  // a deal past its cutoff is settled before anything is decided about its orders
  if (await settleIfDue(ctx, { id: order.deal_id, status: order.deal_status, cutoff_at: order.cutoff_at })) {
    return (await repo.findOrder(ctx.db, orderId))!
  }
  return order
}

/** The order's proxy pickup as its owner sees it (the latest one), or null. */
export async function ownerDelegation(ctx: AppContext, user: User, orderId: string) {
  await ownOrder(ctx, user, orderId)
  const d = await repo.liveDelegationOf(ctx.db, orderId)
  return { delegation: d ? toOwnerView(d) : null }
}

/** Make (or give again) the order's share link. Only while the goods wait to be collected by code. */
export async function createDelegation(ctx: AppContext, user: User, orderId: string) {
  const order = await ownOrder(ctx, user, orderId)
  if (!canDelegate(order.status)) throw conflict('ORDER_NOT_DELEGABLE', '只有已成团、待提货的订单可以请邻居代取')
  const existing = await repo.liveDelegationOf(ctx.db, orderId)
  if (existing && (existing.status === DelegationStatus.open || existing.status === DelegationStatus.accepted)) {
    return { delegation: toOwnerView(existing) }
  }
  try {
    await repo.insertDelegation(ctx.db, {
      id: newId(),
      order_id: orderId,
      owner_id: user.id,
      token: crypto.randomBytes(12).toString('base64url'),
      status: DelegationStatus.open,
      delegate_id: null,
      pickup_code: null,
      created_at: ctx.now().toISOString(),
      accepted_at: null,
      revoked_at: null,
      used_at: null,
    })
  } catch (error) {
    // a second tap made one at the same moment: that one is the order's link
    if (!isUniqueViolation(error)) throw error
  }
  return { delegation: toOwnerView((await repo.liveDelegationOf(ctx.db, orderId))!) }
}

export async function revokeDelegation(ctx: AppContext, user: User, orderId: string) {
  await ownOrder(ctx, user, orderId)
  const d = await repo.liveDelegationOf(ctx.db, orderId)
  if (!d) throw notFound('代取')
  if (d.status === DelegationStatus.used) throw conflict('DELEGATION_SPENT', '订单已提货，代取已结束')
  if (d.status !== DelegationStatus.revoked && !(await repo.revokeDelegation(ctx.db, d.id, ctx.now().toISOString()))) {
    throw conflict('DELEGATION_SPENT', '订单已提货，代取已结束')
  }
  return { delegation: toOwnerView((await repo.liveDelegationOf(ctx.db, orderId))!) }
}

type Found = NonNullable<Awaited<ReturnType<typeof repo.findByToken>>>

function toView(ctx: AppContext, d: Found, viewer: User) {
  const mine = d.delegate_id === viewer.id
  const view = {
    status: d.status,
    mine,
    owner: maskName(d.owner_nickname),
    dealTitle: d.deal_title,
    product: { name: d.product_name, spec: d.product_spec },
    quantity: d.quantity,
    orderStatus: d.order_status,
    pickupPoint: { id: d.point_id, name: d.point_name, address: d.point_address, hours: d.point_hours },
    pickupStart: d.pickup_start,
    pickupEnd: d.pickup_end,
    pickedUpAt: d.picked_up_at,
    collectedBy: d.collected_by ?? null,
  }
  // the delegated code is the delegate's secret, shown while it can be used (or was just used)
  if (mine && d.pickup_code && (d.status === DelegationStatus.accepted || d.status === DelegationStatus.used)) {
    return { ...view, pickupCode: d.pickup_code, pickupQr: signPickupQr(ctx.config.pickupSecret, d.order_id, d.pickup_code) }
  }
  return view
}

async function byToken(ctx: AppContext, token: string) {
  const d = await repo.findByToken(ctx.db, token)
  if (!d) throw notFound('代取')
  return d
}

/** What a link offers, to whoever opened it signed in (the code only to its delegate). */
export async function viewDelegation(ctx: AppContext, user: User, token: string) {
  return { delegation: toView(ctx, await byToken(ctx, token), user) }
}

const refusals: Record<DelegationRefusal, () => AppError> = {
  DELEGATION_OWN: () => conflict('DELEGATION_OWN', '这是你自己的订单，请直接用你的提货码提货'),
  DELEGATION_REVOKED: () => new AppError(410, 'DELEGATION_REVOKED', '下单人已收回代取'),
  DELEGATION_TAKEN: () => conflict('DELEGATION_TAKEN', '已有其他邻居接受了这个代取'),
  DELEGATION_SPENT: () => conflict('DELEGATION_SPENT', '订单已提货，代取已结束'),
}

/** A neighbour takes the proxy pickup and gets a code of their own (accepting again shows it again). */
export async function acceptDelegation(ctx: AppContext, user: User, token: string) {
  const d = await byToken(ctx, token)
  const refusal = acceptRefusal({ status: d.status, ownerId: d.owner_id, delegateId: d.delegate_id }, d.order_status, user.id)
  if (refusal) throw refusals[refusal]()
  if (d.status === DelegationStatus.open) {
    const nowIso = ctx.now().toISOString()
    for (let tries = 0; ; tries++) {
      const code = await freePickupCode(ctx.db)
      try {
        if (!(await repo.acceptDelegation(ctx.db, d.id, user.id, code, nowIso))) {
          const again = await byToken(ctx, token)
          const late = acceptRefusal({ status: again.status, ownerId: again.owner_id, delegateId: again.delegate_id }, again.order_status, user.id)
          if (late) throw refusals[late]()
        }
        break
      } catch (error) {
        // another live code took the same digits at the same moment: draw again
        if (!isUniqueViolation(error) || tries > 5) throw error
      }
    }
  }
  return { delegation: toView(ctx, await byToken(ctx, token), user) }
}

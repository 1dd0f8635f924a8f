import { sql } from 'kysely'
import type { Database } from '../../db/database'
import { ordersWithDealAndPoint } from '../../db/queries'
import { DealStatus, OrderStatus } from '../../../types/api'
import { DelegationStatus, type CollectedBy } from '../../../types/contract/statuses'

/** An order with what the leader's counter needs, whoever's point it is at (the service checks). */
function selectPickupOrders(db: Database) {
  return ordersWithDealAndPoint(db).innerJoin('users', 'users.id', 'orders.user_id').select([
    'orders.id',
    'orders.deal_id',
    'orders.user_id',
    'orders.status',
    'orders.collected_by',
    'orders.quantity',
    // units that never reached the point (a shortage on receipt): not handed out
    'orders.short_units',
    'orders.pickup_code',
    'orders.final_unit_price_fen',
    'orders.picked_up_at',
    'orders.pickup_point_id',
    'deals.title as deal_title',
    'deals.product_name',
    'deals.product_spec',
    'deals.status as deal_status',
    'deals.cutoff_at',
    'pickup_points.leader_id as point_leader_id',
    'pickup_points.name as point_name',
    'users.nickname',
  ])
}

/** Orders whose goods are still to be handed out: a pickup code is unique among these only. */
export const TO_HAND_OUT = [OrderStatus.paid, OrderStatus.confirmed, OrderStatus.ready]

/**
 * Whether an order still to be handed out, or a live proxy pickup (代取), holds this pickup code: a
 * delegated code is drawn from the same six digits, so a typed code names one order only.
 */
export async function isPickupCodeTaken(db: Database, code: string, options: { delegated?: boolean } = {}): Promise<boolean> {
  const taken = await db.selectFrom('orders').select('id').where('pickup_code', '=', code).where('status', 'in', TO_HAND_OUT).executeTakeFirst()
  if (taken) return true
  if (options.delegated === false) return false
  const delegated = await db
    .selectFrom('pickup_delegations')
    .select('id')
    .where('pickup_code', '=', code)
    .where('status', '=', DelegationStatus.accepted)
    .executeTakeFirst()
  return delegated !== undefined
}

export type PickupOrderRow = Awaited<ReturnType<typeof findByCode>>

/**
 * The leader's order behind a typed code. A code is given again once its order is done, so the
 * leader may have had it before: the order still to be handed out comes first, then the most
 * recent (so a second scan hears when it was handed out).
 */
export function findByCode(db: Database, pointIds: string[], code: string) {
  return selectPickupOrders(db)
    .where('orders.pickup_code', '=', code)
    .where('orders.pickup_point_id', 'in', pointIds)
    .orderBy((eb) => eb.case().when('orders.status', 'in', TO_HAND_OUT).then(0).else(1).end())
    .orderBy('orders.updated_at', 'desc')
    .limit(1)
    .executeTakeFirst()
}

export function findById(db: Database, id: string) {
  return selectPickupOrders(db).where('orders.id', '=', id).executeTakeFirst()
}

/** The proxy pickups whose delegated code this is, at these points: the live one first, then the latest. */
export function delegationsByCode(db: Database, pointIds: string[], code: string) {
  return db
    .selectFrom('pickup_delegations')
    .innerJoin('orders', 'orders.id', 'pickup_delegations.order_id')
    .select([
      'pickup_delegations.id',
      'pickup_delegations.order_id',
      'pickup_delegations.status',
      'pickup_delegations.delegate_id',
      'pickup_delegations.pickup_code',
    ])
    .where('pickup_delegations.pickup_code', '=', code)
    .where('orders.pickup_point_id', 'in', pointIds)
    .orderBy((eb) => eb.case().when('pickup_delegations.status', '=', DelegationStatus.accepted).then(0).else(1).end())
    .orderBy('pickup_delegations.accepted_at', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** A proxy pickup by id (the delegate's QR names the order; this checks the code is the delegate's). */
export function delegationOfOrderWithCode(db: Database, orderId: string, code: string) {
  return db
    .selectFrom('pickup_delegations')
    .select(['id', 'order_id', 'status', 'delegate_id', 'pickup_code'])
    .where('order_id', '=', orderId)
    .where('pickup_code', '=', code)
    .orderBy((eb) => eb.case().when('status', '=', DelegationStatus.accepted).then(0).else(1).end())
    .limit(1)
    .executeTakeFirst()
}

/**
 * confirmed/ready -> picked_up once, recording whose code it was; a second scan of the same code (or
 * of the other code of the same order) finds nothing to change. Spends the order's proxy pickup too.
 */
export async function markPickedUp(
  trx: Database,
  id: string,
  status: OrderStatus,
  nowIso: string,
  collected: { by: CollectedBy; userId: string },
): Promise<boolean> {
  const r = await trx
    .updateTable('orders')
    .set({ status, picked_up_at: nowIso, updated_at: nowIso, collected_by: collected.by, collected_by_user_id: collected.userId })
    .where('id', '=', id)
    .where('status', 'in', [OrderStatus.confirmed, OrderStatus.ready])
    .executeTakeFirst()
  if (Number(r.numUpdatedRows) !== 1) return false
  await spendDelegations(trx, id, nowIso)
  return true
}

/** Once an order is collected (or unclaimed, or refunded), its proxy pickup is over. */
export async function spendDelegations(trx: Database, orderId: string, nowIso: string): Promise<void> {
  await trx
    .updateTable('pickup_delegations')
    .set({ status: DelegationStatus.used, used_at: nowIso })
    .where('order_id', '=', orderId)
    .where('status', 'in', [DelegationStatus.open, DelegationStatus.accepted])
    .execute()
}

export async function recordAttempt(db: Database, row: { id: string; leader_id: string; ok: number; created_at: string }): Promise<void> {
  await db.insertInto('verify_attempts').values(row).execute()
}

/** The points a person verifies at: her own as a leader, and those she is (still) staff at. */
export async function verifierPointIds(db: Database, userId: string): Promise<{ own: string[]; staff: string[] }> {
  const own = await db.selectFrom('pickup_points').select('id').where('leader_id', '=', userId).execute()
  const staff = await db.selectFrom('pickup_staff').select('pickup_point_id').where('user_id', '=', userId).where('removed_at', 'is', null).execute()
  return { own: own.map((r) => r.id), staff: staff.map((r) => r.pickup_point_id) }
}

/** Whether this person was ever staff anywhere (a removed one is told so, not just "no access"). */
export async function wasStaff(db: Database, userId: string): Promise<boolean> {
  return (await db.selectFrom('pickup_staff').select('id').where('user_id', '=', userId).executeTakeFirst()) !== undefined
}

/** Every point of the leaders of these points: where a code is looked for (a staff member's other counters included). */
export async function pointsOfSameLeaders(db: Database, pointIds: string[]): Promise<string[]> {
  if (pointIds.length === 0) return []
  const rows = await db
    .selectFrom('pickup_points as mine')
    .innerJoin('pickup_points as sibling', 'sibling.leader_id', 'mine.leader_id')
    .select('sibling.id')
    .where('mine.id', 'in', pointIds)
    .distinct()
    .execute()
  return rows.map((r) => r.id)
}

/**
 * The verification limit: take one check from each key's counter, all or none, in one transaction.
 * Each counter is one row changed by a conditional UPDATE ... RETURNING, so parallel requests are
 * serialised by the row (PostgreSQL re-checks the WHERE on the row it waited for; SQLite has one
 * writer): at most `failures` checks pass per window however many arrive at once. Returns null when
 * every key had room, else the earliest instant a key frees up.
 */
export async function takeVerifyChecks(
  db: Database,
  keys: string[],
  limit: { failures: number; windowMs: number },
  nowIso: string,
  windowStartCutoffIso: string,
): Promise<{ lockedUntil: string } | null> {
  return db
    .transaction()
    .execute(async (trx) => {
      for (const key of [...keys].sort()) {
        await trx
          .insertInto('verify_limits')
          .values({ key, window_start: nowIso, failures: 0 })
          .onConflict((oc) => oc.column('key').doNothing())
          .execute()
        // the window ran out: this check starts a new one
        const stale = sql<boolean>`window_start <= ${windowStartCutoffIso}`
        const taken = await trx
          .updateTable('verify_limits')
          .set((eb) => ({
            failures: eb
              .case()
              .when(stale)
              .then(1)
              .else(eb('failures', '+', 1))
              .end(),
            window_start: eb.case().when(stale).then(nowIso).else(eb.ref('window_start')).end(),
          }))
          .where('key', '=', key)
          .where((eb) => eb.or([stale, eb('failures', '<', limit.failures)]))
          .returning(['failures'])
          .executeTakeFirst()
        if (!taken) {
          const row = await trx.selectFrom('verify_limits').select('window_start').where('key', '=', key).executeTakeFirstOrThrow()
          // the transaction rolls back: the checks already taken from other keys are given back
          throw new LockedOut(new Date(Date.parse(row.window_start) + limit.windowMs).toISOString())
        }
      }
      return null
    })
    .catch((error) => {
      if (error instanceof LockedOut) return { lockedUntil: error.until }
      throw error
    })
}

class LockedOut extends Error {
  constructor(readonly until: string) {
    super('locked out')
  }
}

/** The code turned out right (or a real order to refuse for another reason): its checks are given back. */
export async function giveBackVerifyChecks(db: Database, keys: string[]): Promise<void> {
  if (keys.length === 0) return
  await db
    .updateTable('verify_limits')
    .set((eb) => ({ failures: eb('failures', '-', 1) }))
    .where('key', 'in', keys)
    .where('failures', '>', 0)
    .execute()
}

/** Orders at these points that were never collected, oldest first. */
export function unclaimedAt(db: Database, pointIds: string[]) {
  return selectPickupOrders(db)
    .select(['orders.paid_fen', 'orders.refund_fen', 'orders.unclaimed_at', 'deals.pickup_end'])
    .where('orders.pickup_point_id', 'in', pointIds)
    .where('orders.status', '=', OrderStatus.unclaimed)
    .orderBy('orders.unclaimed_at')
    .limit(500)
    .execute()
}

/** unclaimed -> picked_up, handed out late by the leader with a note. */
export async function markPickedUpLate(trx: Database, id: string, status: OrderStatus, note: string, nowIso: string): Promise<boolean> {
  const r = await trx
    .updateTable('orders')
    .set({ status, picked_up_at: nowIso, updated_at: nowIso, late_pickup_note: note })
    .where('id', '=', id)
    .where('status', '=', OrderStatus.unclaimed)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/** unclaimed -> refunded (the refund row is the payments feature's). */
export async function markNoShowRefunded(trx: Database, id: string, status: OrderStatus, nowIso: string): Promise<boolean> {
  const r = await trx
    .updateTable('orders')
    .set({ status, closed_at: nowIso, updated_at: nowIso })
    .where('id', '=', id)
    .where('status', '=', OrderStatus.unclaimed)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/**
 * Orders to hand out at the leader's points for deals whose pickup starts in [from, to): her own
 * deals and the supplier deals she help-sells (帮卖) alike — an order belongs to its point's leader.
 */
export function pickingOrders(db: Database, leaderId: string, fromIso: string, toIso: string) {
  return selectPickupOrders(db)
    .select(['pickup_points.address as point_address', 'deals.pickup_start', 'deals.pickup_end'])
    .where('pickup_points.leader_id', '=', leaderId)
    .where('deals.pickup_start', '>=', fromIso)
    .where('deals.pickup_start', '<', toIso)
    .where('deals.status', 'in', [DealStatus.succeeded, DealStatus.completed])
    .where('orders.status', 'in', [OrderStatus.confirmed, OrderStatus.ready, OrderStatus.pickedUp])
    .orderBy('pickup_points.name')
    .orderBy('deals.title')
    .orderBy('orders.created_at')
    .execute()
}

import { sql } from 'kysely'
import { DealStatus } from '../../types/api'
import { shanghaiDate, shanghaiDayRange } from '../../src/domain'
import type { Database } from '../db/database'
import { databaseKind } from '../db/database'
import { addDeal, addInvite, addPaidOrder, addPickupPoint, addSupplier, addUser, markOptedIn } from './builders'
import { productImageUrl } from './images'
import { seedHistory } from './history'
import { deals, leaders, shoppers, suppliers, type DealSeed } from './neighbourhood'

const HOUR = 3_600_000

export interface SeedResult {
  users: number
  pickupPoints: number
  deals: number
  orders: number
}

/** Nobody has signed up yet: the only state the demo neighbourhood may be loaded into. */
export async function isEmpty(db: Database): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) === undefined
}

/**
 * Loads the demo neighbourhood if the database has no users, in one transaction; returns null
 * (and writes nothing) otherwise. Times are relative to `now`, so the deals are open when seeded.
 */
export async function seedIfEmpty(db: Database, now: Date): Promise<SeedResult | null> {
  try {
    return await db.transaction().execute(async (trx) => {
      if (!(await isEmpty(trx))) return null
      return seedNeighbourhood(trx, now)
    })
  } catch (error) {
    // another instance seeding at the same moment wins on the unique handles; ours rolled back
    if (!(await isEmpty(db))) return null
    throw error
  }
}

/** Wipes every row and loads a fresh neighbourhood: `npm run seed -- --reset`. */
export async function resetAndSeed(db: Database, now: Date): Promise<SeedResult> {
  await wipe(db)
  const result = await seedIfEmpty(db, now)
  if (!result) throw new Error('the database was written to while it was being reset; run it again')
  return result
}

async function seedNeighbourhood(db: Database, now: Date): Promise<SeedResult> {
  const ago = (hours: number) => new Date(now.getTime() - hours * HOUR)
  const userIds = new Map<string, string>()
  const pointIds = new Map<string, string[]>()
  let points = 0
  let orders = 0

  // leaders first, so the dev login picker lists them at the top
  for (const [i, leader] of leaders.entries()) {
    const at = ago(24 * 30 - i)
    const id = await addUser(db, { handle: leader.handle, nickname: leader.nickname, phone: leader.phone, leader: true, commissionBps: 500, at })
    userIds.set(leader.handle, id)
    const ids: string[] = []
    for (const [j, point] of leader.points.entries()) ids.push(await addPickupPoint(db, id, point, new Date(at.getTime() + j * 60_000)))
    pointIds.set(leader.handle, ids)
    points += ids.length
  }
  // then the suppliers (供货商), approved, each a person who may sign in too
  const supplierIds = new Map<string, string>()
  for (const [i, supplier] of suppliers.entries()) {
    const at = ago(24 * 25 - i)
    const id = await addUser(db, { handle: supplier.handle, nickname: supplier.nickname, phone: supplier.phone, supplier: true, at })
    userIds.set(supplier.handle, id)
    const spec = {
      name: supplier.name,
      contact_name: supplier.contactName,
      phone: supplier.phone,
      depot_address: supplier.depotAddress,
      depot_lat: supplier.depotLat,
      depot_lng: supplier.depotLng,
    }
    supplierIds.set(supplier.handle, await addSupplier(db, id, spec, at))
  }
  for (const [i, shopper] of shoppers.entries()) {
    userIds.set(shopper.handle, await addUser(db, { ...shopper, at: ago(24 * 20 - i) }))
  }
  const user = (handle: string) => {
    const id = userIds.get(handle)
    if (!id) throw new Error(`seed: no user "${handle}"`)
    return id
  }

  // the leaders' own deals, then the suppliers' deals at the points the leaders opted in (帮卖)
  const all: { deal: Omit<DealSeed, 'leader'>; ownerId: string; points: string[]; supplier?: { id: string; commissionBps: number } }[] = [
    ...deals.map((deal) => ({ deal, ownerId: user(deal.leader), points: pointIds.get(deal.leader)! })),
    ...suppliers.map((s) => ({
      deal: s.deal,
      ownerId: user(s.handle),
      points: s.points.map(([leader, k]) => pointIds.get(leader)![k]),
      supplier: { id: supplierIds.get(s.handle)!, commissionBps: s.commissionBps },
    })),
  ]
  for (const [i, { deal, ownerId, points: leaderPoints, supplier }] of all.entries()) {
    const cutoffAt = new Date(now.getTime() + deal.cutoffInHours * HOUR)
    const { pickupStart, pickupEnd } = pickupWindowAfter(cutoffAt)
    const createdAt = ago(30 - i)
    const dealId = await addDeal(db, {
      leaderId: ownerId,
      status: deal.draft ? DealStatus.draft : DealStatus.open,
      title: deal.title,
      product: {
        name: deal.name,
        spec: deal.spec,
        description: deal.description,
        images: [productImageUrl(deal.image)],
        category: deal.category,
      },
      listPriceFen: deal.listPriceFen,
      tierBasis: deal.tierBasis,
      tiers: deal.tiers,
      minToSucceed: deal.minToSucceed,
      stockUnits: deal.stockUnits ?? null,
      perUserLimit: deal.perUserLimit ?? null,
      cutoffAt,
      pickupStart,
      pickupEnd,
      pickupPointIds: leaderPoints,
      at: createdAt,
      // a supplier delivers tomorrow (Shanghai), in bulk to every point
      ...(supplier ? { supplier: { ...supplier, deliveryDate: shanghaiDate(now.getTime() + 24 * HOUR) } } : {}),
    })
    if (supplier) await markOptedIn(db, dealId, createdAt)
    const invites = new Set<string>()
    for (const [k, [handle, quantity, invitedBy]] of deal.joins.entries()) {
      // joins spread over the hours since the deal opened, oldest first
      const at = new Date(createdAt.getTime() + ((now.getTime() - createdAt.getTime()) * (k + 1)) / (deal.joins.length + 1))
      if (invitedBy && !invites.has(invitedBy)) {
        await addInvite(db, dealId, user(invitedBy), at)
        invites.add(invitedBy)
      }
      await addPaidOrder(db, {
        dealId,
        userId: user(handle),
        quantity,
        pickupPointId: leaderPoints[(k + i) % leaderPoints.length],
        inviterId: invitedBy ? user(invitedBy) : null,
        at,
      })
      orders++
    }
  }
  // the town's past: deals collected days ago, so wallets and earnings have history (ledger included)
  const history = await seedHistory(db, now, {
    user,
    pointsOf: (handle) => pointIds.get(handle)!,
    commissionBpsOf: () => 500,
  })
  return { users: userIds.size, pickupPoints: points, deals: all.length + history.deals, orders: orders + history.orders }
}

/** Pickup the afternoon after the cutoff, 15:00-20:00 Shanghai time (at least half a day later). */
function pickupWindowAfter(cutoffAt: Date): { pickupStart: Date; pickupEnd: Date } {
  const day = shanghaiDayRange(shanghaiDate(cutoffAt.getTime() + 12 * HOUR))!
  const pickupStart = new Date(day.start.getTime() + 15 * HOUR)
  const start = pickupStart.getTime() > cutoffAt.getTime() ? pickupStart : new Date(pickupStart.getTime() + 24 * HOUR)
  return { pickupStart: start, pickupEnd: new Date(start.getTime() + 5 * HOUR) }
}

/**
 * True when the demo neighbourhood is there but has nothing left to join: every deal is past its
 * cutoff (open and about to be settled, or settled already). A real deployment without the demo
 * leaders never says so.
 */
export async function nothingOpenToJoin(db: Database, now: Date): Promise<boolean> {
  const demo = await db.selectFrom('users').select('id').where('handle', '=', leaders[0].handle).executeTakeFirst()
  if (!demo) return false
  const live = await db
    .selectFrom('deals')
    .select('id')
    .where('status', '=', DealStatus.open)
    .where('cutoff_at', '>', now.toISOString())
    .limit(1)
    .executeTakeFirst()
  return live === undefined
}

/**
 * Deletes every row of every table (not the migration bookkeeping), in one transaction, in no
 * particular order: no table list to keep in step with the migrations. PostgreSQL: one TRUNCATE
 * naming all tables, which is FK-safe by construction. SQLite: foreign keys are checked only at
 * commit (every reference is NO ACTION), when all tables are empty.
 */
export async function wipe(db: Database): Promise<void> {
  const kind = databaseKind(db)
  const tables = await appTables(db, kind)
  await db.transaction().execute(async (trx) => {
    if (kind === 'postgres') {
      await sql`truncate table ${sql.join(tables.map((t) => sql.table(t)))}`.execute(trx)
      return
    }
    await sql`pragma defer_foreign_keys = on`.execute(trx)
    for (const table of tables) await sql`delete from ${sql.table(table)}`.execute(trx)
  })
}

async function appTables(db: Database, kind: 'sqlite' | 'postgres'): Promise<string[]> {
  const all = await db.introspection.getTables()
  let mine = all
  if (kind === 'postgres') {
    // only this connection's schema: tests run many schemas side by side in one database
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
    mine = all.filter((t) => t.schema === rows[0].schema)
  }
  return mine.filter((t) => !t.isView && !t.name.startsWith('kysely_')).map((t) => t.name)
}

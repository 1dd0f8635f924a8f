import { sql } from 'kysely'
import { addDeal, addPaidOrder, addPickupPoint, addUser } from '../../server/seed/builders'
import { migrateToLatest, openDatabase, type Database } from '../../server/db/database'

/**
 * A store that has been running for a while upgrades: its orders, payments and refunds come
 * through the migrations of this version intact (SQLite's orders table is rebuilt by 040; on
 * PostgreSQL 040 only drops a constraint, so this runs on SQLite in both suites).
 */
jest.setTimeout(30_000)

const HOUR = 3_600_000

async function storeAtVersion030(): Promise<{ db: Database; orders: string[] }> {
  const db = openDatabase({ kind: 'sqlite', file: ':memory:' })
  await migrateToLatest(db, undefined, { upTo: '2026-11-26-030-wechat-pay-and-outbox' })
  const now = new Date('2026-11-20T02:00:00.000Z')
  const at = (h: number) => new Date(now.getTime() + h * HOUR)
  const wang = await addUser(db, { handle: 'wang', nickname: '王姐', leader: true, at: at(-100) })
  const point = await addPickupPoint(
    db,
    wang,
    { name: '王姐便利店', address: '胜利西路38号', lat: 30.6386, lng: 119.6758, hours: '07:00-22:00', contact: '13857210001' },
    at(-90),
  )
  const deal = await addDeal(db, {
    leaderId: wang,
    title: '土鸡蛋',
    product: { name: '土鸡蛋', spec: '30枚' },
    listPriceFen: 4500,
    tierBasis: 'people',
    tiers: [{ threshold: 1, unitPriceFen: 3990 }],
    minToSucceed: 1,
    cutoffAt: at(6),
    pickupStart: at(24),
    pickupEnd: at(28),
    pickupPointIds: [point],
    at: at(-48),
  })
  const orders: string[] = []
  for (const handle of ['mei', 'ting', 'hua']) {
    const shopper = await addUser(db, { handle, nickname: handle, at: at(-80) })
    orders.push((await addPaidOrder(db, { dealId: deal, userId: shopper, quantity: 1, pickupPointId: point, at: at(-10) })).orderId)
  }
  return { db, orders }
}

describe('upgrading a running store to this version', () => {
  it('keeps every order with its code and payment, and every reference between them', async () => {
    const { db, orders } = await storeAtVersion030()
    try {
      const before = await db.selectFrom('orders').select(['id', 'pickup_code', 'paid_fen']).orderBy('id').execute()
      const payments = await db.selectFrom('payments').select(['order_id', 'amount_fen']).orderBy('order_id').execute()

      await migrateToLatest(db)

      expect(await db.selectFrom('orders').select(['id', 'pickup_code', 'paid_fen']).orderBy('id').execute()).toEqual(before)
      expect(await db.selectFrom('payments').select(['order_id', 'amount_fen']).orderBy('order_id').execute()).toEqual(payments)
      expect((await sql`pragma foreign_key_check`.execute(db)).rows).toEqual([])
      expect((await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db)).rows[0].foreign_keys).toBe(1)
      // payments still point at the orders table: one for an order that does not exist is refused
      await expect(
        db
          .insertInto('payments')
          .values({ id: 'p-x', order_id: 'no-such-order', provider: 'sandbox', amount_fen: 1, status: 'pending', created_at: '2026-11-26T00:00:00Z' })
          .execute(),
      ).rejects.toHaveProperty('message', expect.stringMatching(/FOREIGN KEY/i))
      expect(orders).toHaveLength(3)
    } finally {
      await db.destroy()
    }
  })

  it('after it, a code handed out may be given again, while two orders still to hand out never share one', async () => {
    const { db, orders } = await storeAtVersion030()
    try {
      await migrateToLatest(db)
      const [a, b, c] = orders
      const codeOf = async (id: string) =>
        (await db.selectFrom('orders').select('pickup_code').where('id', '=', id).executeTakeFirstOrThrow()).pickup_code!
      await db.updateTable('orders').set({ status: 'picked_up' }).where('id', '=', a).execute()
      await db
        .updateTable('orders')
        .set({ pickup_code: await codeOf(a) })
        .where('id', '=', b)
        .execute()
      expect(await codeOf(b)).toBe(await codeOf(a))
      await expect(
        db
          .updateTable('orders')
          .set({ pickup_code: await codeOf(b) })
          .where('id', '=', c)
          .execute(),
      ).rejects.toHaveProperty('message', expect.stringMatching(/UNIQUE/i))
    } finally {
      await db.destroy()
    }
  })
})

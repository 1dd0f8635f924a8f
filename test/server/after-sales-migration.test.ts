import { sql } from 'kysely'
import { addDeal, addPaidOrder, addPickupPoint, addUser } from '../../server/seed/builders'
import { migrateToLatest, openDatabase, type Database } from '../../server/db/database'
import { isUniqueViolation } from '../../server/db/errors'
import { recordRefund } from '../../server/features/payments/payments.service'
import { freshDatabase } from './helpers'

/**
 * Migration 100 lets an order have several after-sales refunds (one per request) while every other
 * reason stays one per order: a retried settlement still cannot refund the difference twice.
 */
jest.setTimeout(30_000)

const at = (h: number) => new Date(Date.parse('2026-11-20T02:00:00.000Z') + h * 3_600_000)

async function oneOrder(db: Database): Promise<string> {
  const wang = await addUser(db, { handle: 'wang', nickname: '王姐', leader: true, at: at(-100) })
  const point = await addPickupPoint(
    db,
    wang,
    { name: '王姐便利店', address: '胜利西路38号', lat: 30.6, lng: 119.6, hours: '07:00-22:00', contact: '13857210001' },
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
  const mei = await addUser(db, { handle: 'mei', nickname: '小梅', at: at(-80) })
  return (await addPaidOrder(db, { dealId: deal, userId: mei, quantity: 2, pickupPointId: point, at: at(-10) })).orderId
}

const refuses = async (work: Promise<unknown>) => {
  try {
    await work
  } catch (error) {
    return isUniqueViolation(error)
  }
  return false
}

describe('refunds after migration 100', () => {
  let db: Database
  let drop: () => Promise<void>
  beforeAll(async () => {
    ;({ db, drop } = await freshDatabase())
  })
  afterAll(() => drop())

  it('one refund per order and reason as before, but one after-sales refund per request', async () => {
    const order = await oneOrder(db)
    const iso = at(0).toISOString()
    await db.transaction().execute((trx) => recordRefund(trx, order, 100, 'price_difference', iso))
    expect(await refuses(db.transaction().execute((trx) => recordRefund(trx, order, 100, 'price_difference', iso)))).toBe(true)
    await db.transaction().execute((trx) => recordRefund(trx, order, 300, 'after_sales', iso, 'request-1'))
    await db.transaction().execute((trx) => recordRefund(trx, order, 200, 'after_sales', iso, 'request-2'))
    expect(await refuses(db.transaction().execute((trx) => recordRefund(trx, order, 200, 'after_sales', iso, 'request-2')))).toBe(true)
    const row = await db.selectFrom('orders').select('refund_fen').where('id', '=', order).executeTakeFirstOrThrow()
    // the refused ones changed nothing: their transaction rolled back
    expect(row.refund_fen).toBe(600)
  })
})

describe('upgrading a store with refunds (SQLite rebuilds the refunds table)', () => {
  it('keeps every refund, with no source, and its index and foreign keys', async () => {
    const db = openDatabase({ kind: 'sqlite', file: ':memory:' })
    try {
      await migrateToLatest(db, undefined, { upTo: '2026-11-26-070-message-facts' })
      const order = await oneOrder(db)
      // a refund as the store wrote it before 100 (no source column yet)
      await db
        .insertInto('refunds')
        .values({
          id: 'r-1',
          order_id: order,
          amount_fen: 150,
          reason: 'price_difference',
          status: 'succeeded',
          provider_ref: 'sandbox-r-1',
          created_at: at(0).toISOString(),
        })
        .execute()
      const before = await db.selectFrom('refunds').select(['id', 'order_id', 'amount_fen', 'reason', 'status', 'attempts']).execute()

      await migrateToLatest(db)

      const after = await db.selectFrom('refunds').select(['id', 'order_id', 'amount_fen', 'reason', 'status', 'attempts', 'source']).execute()
      expect(after).toEqual(before.map((r) => ({ ...r, source: '' })))
      const indexes = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'refunds'`.execute(db)
      expect(indexes.rows.map((r) => r.name)).toContain('refunds_due')
      expect((await sql`pragma foreign_key_check`.execute(db)).rows).toEqual([])
    } finally {
      await db.destroy()
    }
  })
})

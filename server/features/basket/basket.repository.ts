import type { Database } from '../../db/database'
import type { BasketsTable } from '../../db/schema'

/** the baskets table and each order's basket. */
export type BasketRow = BasketsTable

export function findBasket(db: Database, id: string) {
  return db.selectFrom('baskets').selectAll().where('id', '=', id).executeTakeFirst()
}

export function findBasketByKey(db: Database, userId: string, key: string) {
  return db.selectFrom('baskets').selectAll().where('user_id', '=', userId).where('idempotency_key', '=', key).executeTakeFirst()
}

export async function insertBasket(db: Database, row: BasketRow): Promise<void> {
  await db.insertInto('baskets').values(row).execute()
}

/** The orders checked out in it: each order belongs to the first basket that claimed it. */
export async function claimOrders(db: Database, basketId: string, orderIds: string[]): Promise<void> {
  if (orderIds.length === 0) return
  await db.updateTable('orders').set({ basket_id: basketId }).where('id', 'in', orderIds).where('basket_id', 'is', null).execute()
}

export async function basketOrderIds(db: Database, basketId: string): Promise<string[]> {
  const rows = await db.selectFrom('orders').select('id').where('basket_id', '=', basketId).orderBy('created_at').orderBy('id').execute()
  return rows.map((r) => r.id)
}

import type { Kysely } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.
// Nearby deals look at the pickup points inside a small latitude/longitude box first.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('pickup_points_lat_lng').on('pickup_points').columns(['lat', 'lng']).execute()
  await db.schema.createIndex('deal_pickup_points_point').on('deal_pickup_points').columns(['pickup_point_id', 'deal_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('deal_pickup_points_point').execute()
  await db.schema.dropIndex('pickup_points_lat_lng').execute()
}

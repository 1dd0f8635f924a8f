import { sql, type Kysely } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.
//
// Pickups meet real life: no-shows (unclaimed orders after a grace period), proxy pickup (a
// neighbour collects with a code of their own), pickup staff (per-point grants, invited by the
// leader), and a verification limit per pickup point that holds under parallel requests (one
// counter row per key, changed by a conditional UPDATE ... RETURNING).
export async function up(db: Kysely<any>): Promise<void> {
  // who handed the code over (owner | delegate; null before this, or a late hand-out by the leader)
  await db.schema.alterTable('orders').addColumn('collected_by', 'text').execute()
  await db.schema.alterTable('orders').addColumn('collected_by_user_id', 'text').execute()
  await db.schema.alterTable('orders').addColumn('unclaimed_at', 'text').execute()
  await db.schema.alterTable('orders').addColumn('late_pickup_note', 'text').execute()
  await db.schema.createIndex('orders_unclaimed').on('orders').columns(['status', 'pickup_point_id']).execute()

  await db.schema
    .createTable('pickup_staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('pickup_point_id', 'text', (c) => c.notNull().references('pickup_points.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('invited_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .execute()
  // one grant per person and point; removing sets removed_at, a new invite lifts it again
  await db.schema.createIndex('pickup_staff_point_user').on('pickup_staff').columns(['pickup_point_id', 'user_id']).unique().execute()
  await db.schema.createIndex('pickup_staff_user').on('pickup_staff').column('user_id').execute()

  await db.schema
    .createTable('staff_invites')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('pickup_point_id', 'text', (c) => c.notNull().references('pickup_points.id'))
    .addColumn('leader_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_by', 'text')
    .addColumn('used_at', 'text')
    .execute()

  await db.schema
    .createTable('pickup_delegations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('delegate_id', 'text')
    .addColumn('pickup_code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('used_at', 'text')
    .execute()
  await db.schema.createIndex('pickup_delegations_order').on('pickup_delegations').column('order_id').execute()
  // a delegated code is unique among live delegated codes (and drawn free of live order codes)
  await db.schema
    .createIndex('pickup_delegations_live_code')
    .on('pickup_delegations')
    .column('pickup_code')
    .unique()
    .where(sql<boolean>`status = 'accepted'`)
    .execute()
  // one live delegation per order
  await db.schema
    .createIndex('pickup_delegations_live_order')
    .on('pickup_delegations')
    .column('order_id')
    .unique()
    .where(sql<boolean>`status in ('open', 'accepted')`)
    .execute()

  // wrong pickup codes per key (a pickup point, or a verifier with no point) in a fixed window
  await db.schema
    .createTable('verify_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('verify_limits').execute()
  await db.schema.dropTable('pickup_delegations').execute()
  await db.schema.dropTable('staff_invites').execute()
  await db.schema.dropTable('pickup_staff').execute()
  await db.schema.dropIndex('orders_unclaimed').execute()
  for (const column of ['late_pickup_note', 'unclaimed_at', 'collected_by_user_id', 'collected_by']) {
    await db.schema.alterTable('orders').dropColumn(column).execute()
  }
}

import { Kysely, sql } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('handle', 'text', (c) => c.unique())
    .addColumn('openid', 'text', (c) => c.unique())
    .addColumn('unionid', 'text')
    .addColumn('nickname', 'text', (c) => c.notNull())
    .addColumn('avatar_url', 'text')
    .addColumn('phone', 'text')
    .addColumn('roles', 'text', (c) => c.notNull().defaultTo('shopper'))
    .addColumn('commission_bps', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('pickup_points')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('leader_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lng', 'double precision', (c) => c.notNull())
    .addColumn('hours', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('pickup_points_leader').on('pickup_points').column('leader_id').execute()

  await db.schema
    .createTable('deals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('leader_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('product_name', 'text', (c) => c.notNull())
    .addColumn('product_spec', 'text', (c) => c.notNull())
    .addColumn('product_description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('product_images', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('product_category', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('list_price_fen', 'integer', (c) => c.notNull())
    .addColumn('tier_basis', 'text', (c) => c.notNull())
    .addColumn('tiers', 'text', (c) => c.notNull())
    .addColumn('min_to_succeed', 'integer', (c) => c.notNull())
    .addColumn('stock_units', 'integer')
    .addColumn('per_user_limit', 'integer')
    .addColumn('active_units', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('participant_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cutoff_at', 'text', (c) => c.notNull())
    .addColumn('pickup_start', 'text', (c) => c.notNull())
    .addColumn('pickup_end', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('settled_at', 'text')
    .addColumn('final_unit_price_fen', 'integer')
    .addColumn('completed_at', 'text')
    .addCheckConstraint('deals_stock_cap', sql`stock_units is null or active_units <= stock_units`)
    .execute()
  await db.schema.createIndex('deals_status_cutoff').on('deals').columns(['status', 'cutoff_at']).execute()
  await db.schema.createIndex('deals_leader').on('deals').column('leader_id').execute()

  await db.schema
    .createTable('deal_pickup_points')
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id'))
    .addColumn('pickup_point_id', 'text', (c) => c.notNull().references('pickup_points.id'))
    .addPrimaryKeyConstraint('deal_pickup_points_pk', ['deal_id', 'pickup_point_id'])
    .execute()

  await db.schema
    .createTable('deal_participants')
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('active_units', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('deal_participants_pk', ['deal_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_price_fen', 'integer', (c) => c.notNull())
    .addColumn('final_unit_price_fen', 'integer')
    .addColumn('paid_fen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('refund_fen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pickup_point_id', 'text', (c) => c.notNull().references('pickup_points.id'))
    .addColumn('inviter_id', 'text', (c) => c.references('users.id'))
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('pickup_code', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'text')
    .addColumn('hold_expires_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('picked_up_at', 'text')
    .addUniqueConstraint('orders_user_idempotency', ['user_id', 'idempotency_key'])
    .execute()
  await db.schema.createIndex('orders_deal_status').on('orders').columns(['deal_id', 'status']).execute()
  await db.schema.createIndex('orders_user').on('orders').columns(['user_id', 'created_at']).execute()
  await db.schema.createIndex('orders_hold').on('orders').columns(['status', 'hold_expires_at']).execute()

  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('provider_ref', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .execute()
  await db.schema.createIndex('payments_order').on('payments').column('order_id').execute()

  await db.schema
    .createTable('refunds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('provider_ref', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    // one refund per order per reason: a retried settlement cannot refund twice
    .addUniqueConstraint('refunds_order_reason', ['order_id', 'reason'])
    .execute()

  await db.schema
    .createTable('invites')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('invites_deal_user', ['deal_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('arrivals')
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id'))
    .addColumn('pickup_point_id', 'text', (c) => c.notNull().references('pickup_points.id'))
    .addColumn('arrived_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('arrivals_pk', ['deal_id', 'pickup_point_id'])
    .execute()

  await db.schema
    .createTable('verify_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('leader_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('verify_attempts_leader').on('verify_attempts').columns(['leader_id', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'verify_attempts',
    'arrivals',
    'invites',
    'refunds',
    'payments',
    'orders',
    'deal_participants',
    'deal_pickup_points',
    'deals',
    'pickup_points',
    'sessions',
    'users',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}

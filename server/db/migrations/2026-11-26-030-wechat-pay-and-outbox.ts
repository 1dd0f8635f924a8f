import type { Kysely } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.
// WeChat Pay (transaction ids, notifications seen), subscription consent, the outbox of messages and
// shipping uploads, the in-app message list, and a shared WeChat access-token cache.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('payments').addColumn('wechat_transaction_id', 'text').execute()
  // when the order was last asked about at WeChat Pay (no notification yet)
  await db.schema.alterTable('payments').addColumn('checked_at', 'text').execute()
  await db.schema.createIndex('payments_provider_ref').on('payments').column('provider_ref').execute()
  await db.schema.createIndex('payments_status').on('payments').columns(['provider', 'status', 'created_at']).execute()

  // every notification id handled once: a redelivery is acknowledged and changes nothing
  await db.schema
    .createTable('wechatpay_notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('resource_ref', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute()

  // one row per accepted one-time subscription: each allows one message with that template
  await db.schema
    .createTable('subscription_consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('deal_id', 'text', (c) => c.references('deals.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()
  await db.schema.createIndex('subscription_consents_user').on('subscription_consents').columns(['user_id', 'template_id', 'used_at']).execute()

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('deal_id', 'text')
    .addColumn('order_id', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute()
  await db.schema.createIndex('messages_user').on('messages').columns(['user_id', 'created_at']).execute()

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    // pending -> sent | skipped | failed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .execute()
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute()

  await db.schema
    .createTable('wechat_access_tokens')
    .addColumn('app_id', 'text', (c) => c.primaryKey())
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['wechat_access_tokens', 'outbox', 'messages', 'subscription_consents', 'wechatpay_notifications']) {
    await db.schema.dropTable(table).execute()
  }
  await db.schema.dropIndex('payments_status').execute()
  await db.schema.dropIndex('payments_provider_ref').execute()
  await db.schema.alterTable('payments').dropColumn('checked_at').execute()
  await db.schema.alterTable('payments').dropColumn('wechat_transaction_id').execute()
}

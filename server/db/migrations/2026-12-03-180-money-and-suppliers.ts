import type { Kysely } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.
// Money that adds up (a double-entry ledger, payouts, reconciliation, an audit log) and suppliers
// whose deals many leaders help sell (帮卖), delivered in bulk with shortages recorded on receipt.
export async function up(db: Kysely<any>): Promise<void> {
  // -- suppliers (供货商): apply, and the operator approves, as leaders do -----------------------
  await db.schema
    .createTable('suppliers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().unique().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('depot_address', 'text', (c) => c.notNull())
    .addColumn('depot_lat', 'double precision', (c) => c.notNull())
    .addColumn('depot_lng', 'double precision', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reject_reason', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('suppliers_status').on('suppliers').columns(['status', 'created_at']).execute()

  // a supplier's deal (leader_id is then the supplier's user, who owns it); the commission offered to
  // help-selling leaders (or an operator's rate for one leader deal, before it settles); the delivery day
  await db.schema.alterTable('deals').addColumn('supplier_id', 'text').execute()
  await db.schema.alterTable('deals').addColumn('commission_bps', 'integer').execute()
  await db.schema.alterTable('deals').addColumn('delivery_date', 'text').execute()
  await db.schema.createIndex('deals_supplier').on('deals').columns(['supplier_id', 'status']).execute()
  // which leader opted her point into a supplier deal, and when
  await db.schema.alterTable('deal_pickup_points').addColumn('opted_in_by', 'text').execute()
  await db.schema.alterTable('deal_pickup_points').addColumn('opted_in_at', 'text').execute()

  // frozen on the order when its deal settles: the rate, whose commission it is, what the supplier gets a unit
  await db.schema.alterTable('orders').addColumn('commission_bps', 'integer').execute()
  await db.schema.alterTable('orders').addColumn('commission_leader_id', 'text').execute()
  await db.schema.alterTable('orders').addColumn('supplier_unit_price_fen', 'integer').execute()

  // an operator may suspend a leader or a supplier (no new deals, no payouts)
  await db.schema.alterTable('users').addColumn('suspended_at', 'text').execute()

  // -- delivery: the supplier marks a stop delivered; the point's leader confirms what arrived --------
  await db.schema
    .createTable('deliveries')
    .addColumn('deal_id', 'text', (c) => c.notNull())
    .addColumn('pickup_point_id', 'text', (c) => c.notNull())
    .addColumn('packed_units', 'integer', (c) => c.notNull())
    .addColumn('delivered_by', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('deliveries_pk', ['deal_id', 'pickup_point_id'])
    .execute()
  await db.schema
    .createTable('receipts')
    .addColumn('deal_id', 'text', (c) => c.notNull())
    .addColumn('pickup_point_id', 'text', (c) => c.notNull())
    .addColumn('expected_units', 'integer', (c) => c.notNull())
    .addColumn('received_units', 'integer', (c) => c.notNull())
    /** units that did not come (missing) and that came spoiled: both refunded */
    .addColumn('missing_units', 'integer', (c) => c.notNull())
    .addColumn('spoiled_units', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('received_by', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('receipts_pk', ['deal_id', 'pickup_point_id'])
    .execute()

  // -- the ledger: append-only; a transaction is a pair (or more) of entries summing to zero --------------
  await db.schema
    .createTable('ledger_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('ledger_transactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    /** what makes it happen once: `payment:<paymentId>`, `refund:<refundId>`, `commission:<orderId>` ... */
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('deal_id', 'text')
    .addColumn('refund_id', 'text')
    .addColumn('payout_id', 'text')
    .addColumn('memo', 'text', (c) => c.notNull().defaultTo(''))
    /** the Asia/Shanghai day it belongs to (YYYY-MM-DD): the daily statement's key */
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('ledger_transactions_day').on('ledger_transactions').columns(['day', 'kind']).execute()
  await db.schema.createIndex('ledger_transactions_order').on('ledger_transactions').column('order_id').execute()
  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('transaction_id', 'text', (c) => c.notNull().references('ledger_transactions.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('ledger_accounts.id'))
    /** signed: what the account gains (+) or gives (-) */
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    /** when a credit may be withdrawn (commission: pickup + the holding period); null: at once */
    .addColumn('available_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('ledger_entries_account').on('ledger_entries').columns(['account_id', 'created_at']).execute()
  await db.schema.createIndex('ledger_entries_transaction').on('ledger_entries').column('transaction_id').execute()

  // -- payouts (提现): a leader's or a supplier's withdrawal, sent once by its own bill number ------------
  await db.schema
    .createTable('payouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** the merchant transfer's out_bill_no: never sent twice */
    .addColumn('bill_no', 'text', (c) => c.notNull().unique())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    /** WeChat's transfer_bill_no, state and package_info (for requestMerchantTransfer) */
    .addColumn('transfer_bill_no', 'text')
    .addColumn('provider_state', 'text')
    .addColumn('package_info', 'text')
    .addColumn('fail_reason', 'text')
    .addColumn('refuse_reason', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_error', 'text')
    /** the Asia/Shanghai day it was asked for: the daily cap's key */
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('payouts_owner_key').unique().on('payouts').columns(['user_id', 'idempotency_key']).execute()
  await db.schema.createIndex('payouts_status').on('payouts').columns(['status', 'requested_at']).execute()
  await db.schema.createIndex('payouts_account').on('payouts').columns(['account_id', 'day']).execute()

  // -- reconciliation (对账): each run's statement and the differences it found ------------------------
  await db.schema
    .createTable('reconciliation_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('day', 'text', (c) => c.notNull())
    /** JSON of the day's statement */
    .addColumn('statement', 'text', (c) => c.notNull())
    /** JSON array of differences found */
    .addColumn('differences', 'text', (c) => c.notNull())
    .addColumn('difference_count', 'integer', (c) => c.notNull())
    .addColumn('ran_by', 'text', (c) => c.notNull())
    .addColumn('ran_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('reconciliation_runs_day').on('reconciliation_runs').columns(['day', 'ran_at']).execute()

  // -- every operator action: who, what, when, before and after ----------------------------------------
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    /** JSON (null when there was nothing before, or nothing after) */
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('audit_log_created').on('audit_log').column('created_at').execute()
  await db.schema.createIndex('audit_log_target').on('audit_log').columns(['target_kind', 'target_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'audit_log',
    'reconciliation_runs',
    'payouts',
    'ledger_entries',
    'ledger_transactions',
    'ledger_accounts',
    'receipts',
    'deliveries',
  ])
    await db.schema.dropTable(t).execute()
  await db.schema.alterTable('users').dropColumn('suspended_at').execute()
  for (const c of ['supplier_unit_price_fen', 'commission_leader_id', 'commission_bps']) await db.schema.alterTable('orders').dropColumn(c).execute()
  for (const c of ['opted_in_at', 'opted_in_by']) await db.schema.alterTable('deal_pickup_points').dropColumn(c).execute()
  await db.schema.dropIndex('deals_supplier').execute()
  for (const c of ['delivery_date', 'commission_bps', 'supplier_id']) await db.schema.alterTable('deals').dropColumn(c).execute()
  await db.schema.dropTable('suppliers').execute()
}

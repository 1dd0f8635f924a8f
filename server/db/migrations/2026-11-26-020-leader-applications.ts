import type { Kysely } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.
// A neighbour asks to become a leader; an admin approves (role + commission + first pickup point) or rejects.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('leader_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('community', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('point_name', 'text', (c) => c.notNull())
    .addColumn('point_address', 'text', (c) => c.notNull())
    .addColumn('point_lat', 'double precision', (c) => c.notNull())
    .addColumn('point_lng', 'double precision', (c) => c.notNull())
    .addColumn('point_hours', 'text', (c) => c.notNull())
    .addColumn('point_contact', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reject_reason', 'text')
    .addColumn('commission_bps', 'integer')
    .addColumn('pickup_point_id', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('leader_applications_user').on('leader_applications').column('user_id').execute()
  await db.schema.createIndex('leader_applications_status').on('leader_applications').columns(['status', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('leader_applications').execute()
}

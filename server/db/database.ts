import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Dialect, type Migration, type SqliteDatabase } from 'kysely'
import type { Config } from '../config'
import type { DB } from './schema'
import { WriteCounter, countingWrites, registerWriteCounter } from './committed-writes'
import * as initial from './migrations/2026-11-26-001-initial'
import * as wechatLogin from './migrations/2026-11-26-010-wechat-login'
import * as wechatPayAndOutbox from './migrations/2026-11-26-030-wechat-pay-and-outbox'
import * as leaderApplications from './migrations/2026-11-26-020-leader-applications'
import * as reusablePickupCodes from './migrations/2026-11-26-040-reusable-pickup-codes'
import * as refundRetries from './migrations/2026-11-26-050-refund-retries'
import * as orderIndexes from './migrations/2026-11-26-060-order-indexes'
import * as messageFacts from './migrations/2026-11-26-070-message-facts'
import * as afterSales from './migrations/2026-12-02-100-after-sales'
import * as pickups from './migrations/2026-12-02-110-pickups'
import * as wxacode from './migrations/2026-12-02-120-wxacode'
import * as jobLeases from './migrations/2026-12-02-130-job-leases'
import * as uploads from './migrations/2026-12-02-140-uploads'
import * as rateLimits from './migrations/2026-12-02-150-rate-limits'
import * as pickupPointCoordinates from './migrations/2026-12-02-160-pickup-point-coordinates'
import * as baskets from './migrations/2026-12-02-170-baskets'
import * as moneyAndSuppliers from './migrations/2026-12-03-180-money-and-suppliers'
import * as fulfilment from './migrations/2026-12-03-186-fulfilment'

// COUNT and SUM come back from PostgreSQL as bigint (int8) strings; every count and fen amount here
// fits in a JS number, so read them as numbers on both databases.
pg.types.setTypeParser(20, (v) => Number(v))
pg.types.setTypeParser(1700, (v) => Number(v))

export type Database = Kysely<DB>
export type DatabaseKind = 'sqlite' | 'postgres'

/** The migrations in order; a static list so they run the same under tsx, jest and a bundle. */
const migrations: Record<string, Migration> = {
  '2026-11-26-001-initial': initial,
  '2026-11-26-010-wechat-login': wechatLogin,
  '2026-11-26-020-leader-applications': leaderApplications,
  '2026-11-26-030-wechat-pay-and-outbox': wechatPayAndOutbox,
  '2026-11-26-040-reusable-pickup-codes': reusablePickupCodes,
  '2026-11-26-050-refund-retries': refundRetries,
  '2026-11-26-060-order-indexes': orderIndexes,
  '2026-11-26-070-message-facts': messageFacts,
  '2026-12-02-100-after-sales': afterSales,
  '2026-12-02-110-pickups': pickups,
  '2026-12-02-120-wxacode': wxacode,
  '2026-12-02-130-job-leases': jobLeases,
  '2026-12-02-140-uploads': uploads,
  '2026-12-02-150-rate-limits': rateLimits,
  '2026-12-02-160-pickup-point-coordinates': pickupPointCoordinates,
  '2026-12-02-170-baskets': baskets,
  '2026-12-03-180-money-and-suppliers': moneyAndSuppliers,
  '2026-12-03-186-fulfilment': fulfilment,
}

export interface OpenOptions {
  /** PostgreSQL only: put every table in this schema (tests use one fresh schema per file) */
  schema?: string
  poolSize?: number
}

export function openDatabase(database: Config['database'], options: OpenOptions = {}): Database {
  const counter = new WriteCounter()
  const db = new Kysely<DB>({ dialect: countingWrites(dialectFor(database, options), counter) })
  registerWriteCounter(db, counter)
  return db
}

function dialectFor(database: Config['database'], options: OpenOptions): Dialect {
  if (database.kind === 'sqlite') {
    if (database.file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(database.file)), { recursive: true })
    const sqlite = new SQLite(database.file)
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('busy_timeout = 5000')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('synchronous = NORMAL')
    return new SqliteDialect({ database: reusingStatements(sqlite) })
  }
  const pool = new pg.Pool({
    connectionString: database.url,
    max: options.poolSize ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  })
  return new PostgresDialect({ pool })
}

/**
 * Kysely prepares every query it runs, and better-sqlite3 compiles the SQL each time (a tenth of a
 * busy server's CPU). The same SQL text is the same statement: keep the compiled ones and bind new
 * parameters. Statements are never used by two queries at once (one connection, queries run
 * synchronously); the cap only guards against an unbounded variety of SQL texts.
 */
function reusingStatements(sqlite: SQLite.Database, max = 500): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>()
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = statements.get(sql)
      if (!statement) {
        if (statements.size >= max) statements.clear()
        statement = sqlite.prepare(sql)
        statements.set(sql, statement)
      }
      return statement
    },
  }
}

export function databaseKind(db: Database): DatabaseKind {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres') ? 'postgres' : 'sqlite'
}

/**
 * `schema`: PostgreSQL only, where the tables live (so Kysely keeps its own bookkeeping there too).
 * On PostgreSQL all pending migrations run in one transaction under Kysely's migration lock. On
 * SQLite each runs in a transaction of its own, except one that makes its own (`ownTransaction`):
 * changing a SQLite table needs foreign keys off, which cannot be switched inside a transaction.
 */
export async function migrateToLatest(db: Database, schema?: string, options: { upTo?: string } = {}): Promise<void> {
  const sqlite = databaseKind(db) === 'sqlite'
  const steps: Record<string, Migration> = {}
  for (const [name, migration] of Object.entries(migrations)) {
    const own = (migration as { ownTransaction?: boolean }).ownTransaction
    steps[name] = !sqlite || own ? migration : { ...migration, up: (conn) => conn.transaction().execute((trx) => migration.up(trx)) }
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => steps },
    disableTransactions: sqlite,
    ...(schema ? { migrationTableSchema: schema } : {}),
  })
  // `upTo`: stop after that migration (tests of upgrading a database that has data)
  const { error, results } = await (options.upTo ? migrator.migrateTo(options.upTo) : migrator.migrateToLatest())
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`)
  }
}

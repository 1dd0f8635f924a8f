import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { buildApp } from '../../server/app'
import { testConfig, type Config } from '../../server/config'
import { migrateToLatest, openDatabase, type Database } from '../../server/db/database'
import type { AppContext } from '../../server/http/context'
import { type Bus, Subscribers, inProcessBus } from '../../server/bus/bus'
import { postgresBus } from '../../server/bus/postgres-bus'
import { shareWrites } from '../../server/bus/shared-writes'

/**
 * A fresh, migrated database per test file: SQLite in memory by default; PostgreSQL in a schema of
 * its own when TEST_DATABASE_URL is set (npm run test:pg). `openAnother` opens a second handle on
 * the same database, as another server process would have (SQLite then lives in a temp file).
 */
export async function freshDatabase(
  options: { openAnother?: boolean } = {},
): Promise<{ db: Database; drop: () => Promise<void>; openAnother: () => Database; openBus: () => Promise<Bus> }> {
  const url = process.env.TEST_DATABASE_URL
  if (!url) {
    const dir = options.openAnother ? fs.mkdtempSync(path.join(os.tmpdir(), 'linli-test-')) : null
    const file = dir ? path.join(dir, 'test.db') : ':memory:'
    const db = openDatabase({ kind: 'sqlite', file })
    await migrateToLatest(db)
    const hub = new Subscribers()
    return {
      db,
      drop: async () => {
        await db.destroy()
        if (dir) fs.rmSync(dir, { recursive: true, force: true })
      },
      openAnother: () => {
        if (!dir) throw new Error('freshDatabase({ openAnother: true }) to open a second handle')
        return openDatabase({ kind: 'sqlite', file })
      },
      // SQLite is one process: "instances" here are apps in this process, on one in-process hub
      openBus: async () => inProcessBus(hub),
    }
  }
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`
  const db = openDatabase({ kind: 'postgres', url }, { schema, poolSize: 20 })
  await withSchemaLock(url, async (admin) => {
    await admin.schema.createSchema(schema).execute()
    await migrateToLatest(db, schema)
  })
  return {
    db,
    drop: async () => {
      await db.destroy()
      await withSchemaLock(url, (admin) => admin.schema.dropSchema(schema).cascade().execute())
    },
    openAnother: () => openDatabase({ kind: 'postgres', url }, { schema, poolSize: 2 }),
    openBus: () => postgresBus(url, { schema }),
  }
}

/**
 * Test files run in parallel against one PostgreSQL database. Kysely's migrator reads the catalog of
 * every schema, and that read fails when another file drops its schema at the same moment; so
 * creating, migrating and dropping schemas take turns under one advisory lock.
 */
async function withSchemaLock(url: string, work: (admin: Database) => Promise<unknown>): Promise<void> {
  const admin = openDatabase({ kind: 'postgres', url }, { poolSize: 1 })
  try {
    await sql`select pg_advisory_lock(${SCHEMA_LOCK_KEY})`.execute(admin)
    await work(admin)
  } finally {
    await sql`select pg_advisory_unlock(${SCHEMA_LOCK_KEY})`.execute(admin).catch(() => undefined)
    await admin.destroy()
  }
}

const SCHEMA_LOCK_KEY = 7_345_001

/** A clock the test moves by hand. */
export class TestClock {
  constructor(private current: Date = new Date('2026-11-26T02:00:00.000Z')) {}
  now = (): Date => new Date(this.current.getTime())
  set(iso: string): void {
    this.current = new Date(iso)
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms)
  }
}

export interface TestApp {
  app: FastifyInstance
  ctx: AppContext
  clock: TestClock
  close: () => Promise<void>
  /** a second handle on the app's database, as another server process has (see freshDatabase) */
  openAnother: () => Database
}

export async function startTestApp(overrides: Partial<Config> = {}, options: { openAnother?: boolean } = {}): Promise<TestApp> {
  const { db, drop, openAnother } = await freshDatabase(options)
  const clock = new TestClock()
  const ctx: AppContext = { db, config: testConfig(overrides), now: clock.now }
  const app = await buildApp(ctx)
  await app.ready()
  return {
    app,
    ctx,
    clock,
    close: async () => {
      await app.close()
      await drop()
    },
    openAnother,
  }
}

/** Sign in through the dev login and return the bearer header. */
export async function login(
  app: FastifyInstance,
  handle: string,
  role: 'shopper' | 'leader' | 'admin' = 'shopper',
  nickname?: string,
): Promise<{ authorization: string; userId: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/dev-login', payload: { handle, role, nickname } })
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`)
  const body = res.json()
  return { authorization: `Bearer ${body.token}`, userId: body.user.id }
}

/** One API instance of several over the same database, hearing the others on the bus. */
export interface Instance {
  app: FastifyInstance
  db: Database
  bus: Bus
  /** ws://127.0.0.1:port when listening (`listen: true`), else '' */
  wsUrl: string
}

/**
 * Two API instances over one fresh database, as a load balancer would have them: on PostgreSQL
 * two pools and two LISTEN connections; on SQLite two handles on one file in this process, on one
 * in-process bus. `listen`: on real ports (for WebSockets), not just `inject`.
 */
export async function twoInstances(options: { listen?: boolean; clock?: TestClock } = {}) {
  const fresh = await freshDatabase({ openAnother: true })
  const clock = options.clock ?? new TestClock(new Date())
  const instances: (Instance & { unshare: () => void })[] = []
  for (const db of [fresh.db, fresh.openAnother()]) {
    const bus = await fresh.openBus()
    const app = await buildApp({ db, config: testConfig(), now: clock.now })
    const address = options.listen ? await app.listen({ port: 0, host: '127.0.0.1' }) : (await app.ready(), '')
    instances.push({ app, db, bus, wsUrl: address.replace('http', 'ws'), unshare: shareWrites(db, bus) })
  }
  const [one, two] = instances
  return {
    one: one as Instance,
    two: two as Instance,
    clock,
    close: async () => {
      for (const i of instances) {
        i.unshare()
        await i.app.close()
        await i.bus.close()
      }
      await two.db.destroy()
      await fresh.drop()
    },
  }
}

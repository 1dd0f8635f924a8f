import { ConfigError, loadConfig } from './config'
import { migrateToLatest, openDatabase } from './db/database'
import { isEmpty, resetAndSeed, seedIfEmpty, type SeedResult } from './seed/seed'

/**
 * `npm run seed` loads the demo neighbourhood into an empty database;
 * `npm run seed -- --reset` wipes every row first (on SQLite or PostgreSQL, per DATABASE_URL).
 */
async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((a) => a !== '--reset')
  if (unknown.length > 0) {
    console.error(`unknown option ${unknown.join(' ')}; usage: npm run seed [-- --reset]`)
    return 2
  }
  let config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`)
      return 1
    }
    throw error
  }
  const db = openDatabase(config.database)
  try {
    await migrateToLatest(db)
    const now = new Date()
    let result: SeedResult | null
    if (argv.includes('--reset')) {
      result = await resetAndSeed(db, now)
    } else {
      result = await seedIfEmpty(db, now)
      if (!result && !(await isEmpty(db))) {
        console.log('The database already has users; nothing seeded. Use `npm run seed -- --reset` to start over.')
        return 0
      }
    }
    if (result) {
      console.log(
        `Seeded the demo neighbourhood (安吉县递铺街道): ${result.users} users, ${result.pickupPoints} pickup points, ` +
          `${result.deals} deals, ${result.orders} paid orders.`,
      )
    }
    return 0
  } finally {
    await db.destroy()
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)

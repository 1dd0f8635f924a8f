import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { buildApp } from './app'
import { ConfigError, loadConfig, type Config } from './config'
import { migrateToLatest, openDatabase } from './db/database'
import { openBus } from './bus/open-bus'
import { shareWrites } from './bus/shared-writes'
import type { AppContext } from './http/context'
import { startSweeper } from './jobs/sweeper'
import { nothingOpenToJoin, seedIfEmpty } from './seed/seed'

/**
 * `npm start`: the embedded default. Migrate, seed a demo neighbourhood into an empty database,
 * build the H5 app if it is missing, run the cutoff sweeper, and serve app and API on one port.
 */
export interface Running {
  app: FastifyInstance
  url: string
  close: () => Promise<void>
}

export async function start(config: Config, log: (line: string) => void = console.log): Promise<Running> {
  const db = openDatabase(config.database)
  await migrateToLatest(db)
  // other instances on the same PostgreSQL hear what this one commits, and the other way round
  const bus = await openBus(config.database)
  const unshareWrites = shareWrites(db, bus)
  const ctx: AppContext = { db, config, now: () => new Date() }

  // the demo neighbourhood is for trying Linli out; a production database starts empty
  if (!config.production) {
    const seeded = await seedIfEmpty(db, ctx.now())
    if (seeded) {
      log(`Seeded a demo neighbourhood (安吉县递铺街道): ${seeded.users} users, ${seeded.pickupPoints} pickup points, ${seeded.deals} deals`)
    }
    if (await nothingOpenToJoin(db, ctx.now())) {
      log('演示团购都已截单: run npm run seed -- --reset for a fresh neighbourhood')
    }
  }

  if (config.staticDir !== null && !fs.existsSync(path.join(config.staticDir, 'index.html'))) {
    await buildH5(config.staticDir, log)
  }

  const app = await buildApp(ctx, { logger: process.env.LOG_REQUESTS === '1' ? true : 'error' })
  const sweeper = startSweeper(ctx)
  try {
    await app.listen({ port: config.port, host: config.host })
  } catch (error) {
    await sweeper.stop()
    unshareWrites()
    await bus.close()
    await db.destroy()
    throw error
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const shownHost = ['127.0.0.1', '0.0.0.0', '::', 'localhost'].includes(config.host) ? 'localhost' : config.host
  const url = `http://${shownHost}:${port}`

  let closing: Promise<void> | null = null
  const close = () =>
    (closing ??= (async () => {
      await sweeper.stop()
      await app.close()
      unshareWrites()
      await bus.close()
      await db.destroy()
    })())
  return { app, url, close }
}

/**
 * The H5 app is built once, on the first start. A failed build leaves the API serving (the app
 * can be built later with npm run build:h5 and picked up on the next start).
 */
async function buildH5(staticDir: string, log: (line: string) => void): Promise<void> {
  if (path.resolve(staticDir) !== path.resolve('dist/h5')) {
    log(`No H5 app in ${staticDir} (STATIC_DIR); serving the API only`)
    return
  }
  log('Building the H5 app, first start only (15 s on an idle machine, minutes on a busy one): npx taro build --type h5')
  const code = await new Promise<number | string>((resolve) => {
    const child = spawn('npx', ['taro', 'build', '--type', 'h5'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
    child.on('error', (error) => resolve(error.message))
    child.on('exit', (status, signal) => resolve(status ?? String(signal)))
  })
  if (code !== 0 || !fs.existsSync(path.join(staticDir, 'index.html'))) {
    log(`The H5 build did not finish (${code === 0 ? 'no index.html was written' : `exit ${code}`}); serving the API only. Try npm run build:h5.`)
  }
}

async function main(): Promise<void> {
  let config: Config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`)
      process.exit(1)
    }
    throw error
  }
  const started = Date.now()
  const running = await start(config)
  console.log(`Linli is running at ${running.url} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`)

  let signals = 0
  const stop = (signal: string) => {
    // a second Ctrl-C means "now"
    if (++signals > 1) process.exit(1)
    console.log(`${signal}: closing…`)
    running.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

if (require.main === module) {
  main().catch((error) => {
    console.error('Linli could not start:', error instanceof Error ? error.message : error)
    process.exit(1)
  })
}

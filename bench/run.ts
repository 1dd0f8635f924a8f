/**
 * npm run bench: the API under load, as a separate server process (tsx server/start.ts), first on
 * SQLite (a temp file), then on PostgreSQL (a fresh database). Each figure is set against a bare
 * route (/api/v1/ping: no database) measured in the same run, so the table says what the database
 * work costs rather than how fast this machine is.
 *
 * BENCH_PG_URL: an admin connection to PostgreSQL (default postgres://postgres@127.0.0.1:5432/postgres);
 * BENCH_SKIP_PG=1 runs SQLite only. Takes about two minutes.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'
import { api, joinRequest, startServer, stopServer } from './harness'
import { cityBench } from './city'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4)
const CONNECTIONS = 50
const SHOPPERS = 2000
const RACE_STOCK = 100

/** BENCH_ONLY=read,orders,race: just those figures (and the bare route), e.g. while profiling one */
const ONLY = process.env.BENCH_ONLY?.split(',') ?? null
const only = (figure: string) => ONLY === null || ONLY.includes(figure)

interface Figure {
  name: string
  rps: number
  p99: number
  note?: string
}

/** A leader with a point and two open deals (unlimited, and 100 units for the race), and 2,000 shoppers. */
async function prepare(base: string) {
  const run = crypto.randomBytes(3).toString('hex')
  const leader = (await api(base, 'POST', '/auth/dev-login', undefined, { handle: `bench-leader-${run}`, role: 'leader', nickname: '压测团长' }))
    .token
  const point = await api(base, 'POST', '/leader/pickup-points', leader, {
    name: '压测自提点',
    address: '递铺镇1号',
    lat: 30.63,
    lng: 119.68,
    hours: '08:00-21:00',
    contact: '13800000000',
  })
  const pointId = (point.pickupPoint ?? point).id as string
  const at = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString()
  const deal = async (title: string, stockUnits: number | null) => {
    const created = await api(base, 'POST', '/leader/deals', leader, {
      title,
      product: { name: '安吉白茶', spec: '50g/罐' },
      listPriceFen: 1500,
      tierBasis: 'people',
      tiers: [
        { threshold: 1, unitPriceFen: 1280 },
        { threshold: 3, unitPriceFen: 990 },
        { threshold: 5, unitPriceFen: 880 },
      ],
      minToSucceed: 2,
      stockUnits,
      perUserLimit: null,
      cutoffAt: at(24),
      pickupStart: at(48),
      pickupEnd: at(52),
      pickupPointIds: [pointId],
    })
    await api(base, 'POST', `/leader/deals/${created.deal.id}/publish`, leader)
    return created.deal.id as string
  }
  const openDealId = await deal('压测团购', null)
  const raceDealId = await deal('抢购 100 件', RACE_STOCK)
  const tokens: string[] = []
  for (let i = 0; i < SHOPPERS; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, SHOPPERS - i) }, (_, j) =>
        api(base, 'POST', '/auth/dev-login', undefined, { handle: `b${run}-${i + j}`, nickname: `邻居${i + j}` }),
      ),
    )
    tokens.push(...batch.map((b) => b.token as string))
  }
  return { pointId, openDealId, raceDealId, tokens }
}

async function measure(suite: string, base: string): Promise<Figure[]> {
  const { pointId, openDealId, raceDealId, tokens } = await prepare(base)
  const url = base.replace(/\/api\/v1$/, '')
  const figures: Figure[] = []
  const record = (name: string, r: Awaited<ReturnType<typeof autocannon>>, note?: string) => {
    const figure = { name, rps: r.requests.average, p99: r.latency.p99, note }
    figures.push(figure)
    console.log(
      `  ${suite.padEnd(10)} ${name.padEnd(30)} ${figure.rps.toFixed(0).padStart(7)} req/s  p99 ${figure.p99} ms${note ? `  (${note})` : ''}`,
    )
    if (r.errors || r.timeouts) console.log(`    ! ${r.errors} errors, ${r.timeouts} timeouts`)
  }

  // warm-up, so the first figure is not paying for JIT and connection set-up
  await autocannon({ url: `${url}/api/v1/ping`, connections: 10, duration: 1 })
  record('GET /ping (bare baseline)', await autocannon({ url: `${url}/api/v1/ping`, connections: CONNECTIONS, duration: SECONDS }))
  if (only('read'))
    record('GET /deals/:id', await autocannon({ url: `${url}/api/v1/deals/${openDealId}`, connections: CONNECTIONS, duration: SECONDS }))

  const orders = !only('orders')
    ? null
    : await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests: [joinRequest(openDealId, pointId, tokens, 'bench-order')] })
  if (orders) record('POST /deals/:id/orders', orders, `${orders['2xx']} created, ${orders.non2xx} refused`)
  if (!only('race')) return figures

  const race = await autocannon({
    url,
    connections: 100,
    amount: SHOPPERS,
    // every join must get its answer, however long the queue at the deal's row lock
    timeout: 60,
    requests: [joinRequest(raceDealId, pointId, tokens, 'bench-race')],
  })
  const sold = (await api(base, 'GET', `/deals/${raceDealId}`)).deal.soldUnits
  const exact = race['2xx'] === RACE_STOCK && sold === RACE_STOCK
  record(
    `2,000 joins racing for ${RACE_STOCK}`,
    race,
    `${race['2xx']} sold, ${race.non2xx} SOLD_OUT, deal shows ${sold} sold: ${exact ? 'exact' : 'WRONG'}`,
  )
  if (!exact) process.exitCode = 1
  return figures
}

async function sqliteRun(): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bench-'))
  const { base, child } = await startServer(`sqlite:${path.join(dir, 'bench.db')}`)
  try {
    return await measure('SQLite', base)
  } finally {
    await stopServer(child)
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

async function postgresRun(): Promise<Figure[] | null> {
  const adminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const name = `linli_bench_${crypto.randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  try {
    await admin.connect()
  } catch (error) {
    console.log(`  PostgreSQL skipped: cannot connect to ${adminUrl} (${(error as Error).message})`)
    return null
  }
  await admin.query(`create database ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  try {
    const { base, child } = await startServer(url.toString())
    try {
      return await measure('PostgreSQL', base)
    } finally {
      await stopServer(child)
    }
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
  }
}

function table(runs: [string, Figure[] | null][]): string {
  const rows: string[] = []
  const head = ['route', ...runs.flatMap(([db]) => [`${db} req/s`, '% of bare', `${db} p99 ms`, 'x bare'])]
  rows.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`)
  const names = runs.find(([, f]) => f)?.[1]?.map((f) => f.name) ?? []
  for (const name of names) {
    const cells = [name]
    for (const [, figures] of runs) {
      if (!figures) {
        cells.push('-', '-', '-', '-')
        continue
      }
      const bare = figures[0]
      const f = figures.find((x) => x.name === name)
      if (!f) {
        cells.push('-', '-', '-', '-')
        continue
      }
      cells.push(f.rps.toFixed(0), `${((f.rps / bare.rps) * 100).toFixed(1)}%`, String(f.p99), `${(f.p99 / Math.max(bare.p99, 1)).toFixed(1)}x`)
    }
    rows.push(`| ${cells.join(' | ')} |`)
  }
  return rows.join('\n')
}

async function main() {
  const started = Date.now()
  console.log(`Linli bench: ${CONNECTIONS} connections, ${SECONDS} s per route, ${os.cpus().length} CPUs, Node ${process.version}`)
  const runs: [string, Figure[] | null][] = [['SQLite', await sqliteRun()]]
  if (process.env.BENCH_SKIP_PG !== '1') runs.push(['PostgreSQL', await postgresRun()])
  console.log(`\n${table(runs)}\n`)
  console.log('% of bare: req/s as a share of the bare /ping route; x bare: p99 as a multiple of its p99 (same run, same database).')
  // BENCH_CITY=0 skips the city-scale part (generating a million orders takes a few minutes)
  if (process.env.BENCH_SKIP_PG !== '1' && process.env.BENCH_CITY !== '0') {
    console.log(`\n${await cityBench(process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')}\n`)
  }
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { migrateToLatest, openDatabase } from '../../server/db/database'
import { seedIfEmpty } from '../../server/seed/seed'
import { start } from '../../server/start'
import { testConfig } from '../../server/config'

/** `npm start` as a real process: tsx server/start.ts on a throwaway SQLite file and a free port. */
// generous: each test starts real processes, and this machine is often busy
jest.setTimeout(180_000)

const root = path.resolve(__dirname, '../..')
const tsx = path.join(root, 'node_modules/.bin/tsx')
let dir: string

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-start-'))
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

interface Started {
  child: ChildProcessWithoutNullStreams
  output: () => string
  url: string
}

function launch(env: Record<string, string>): Promise<Started> {
  const child = spawn(tsx, ['server/start.ts'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'development', PORT: '0', HOST: '127.0.0.1', STATIC_DIR: path.join(dir, 'no-app'), ...env },
  })
  let out = ''
  child.stdout.on('data', (b) => (out += b))
  child.stderr.on('data', (b) => (out += b))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start line in 90 s:\n${out}`)), 90_000)
    const check = () => {
      const m = /Linli is running at (http:\/\/localhost:\d+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({ child, output: () => out, url: m[1] })
      }
    }
    child.stdout.on('data', check)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`exited ${code} before starting:\n${out}`))
    })
  })
}

function stop(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit')
    child.on('exit', (code) => resolve(code))
    child.kill(signal)
  })
}

describe('npm start', () => {
  it('on an empty database: migrates, seeds 递铺, serves the API, and closes cleanly on SIGTERM', async () => {
    const db = `sqlite:${path.join(dir, 'first.db')}`
    const { child, output, url } = await launch({ DATABASE_URL: db })
    expect(output()).toContain('Seeded a demo neighbourhood')
    expect(output()).toContain('serving the API only')

    const deals = await (await fetch(`${url}/api/v1/deals?lat=30.6386&lng=119.6758`)).json()
    expect(deals.deals.length).toBe(16)
    const picture = await fetch(`${url}${deals.deals[0].product.images[0]}`)
    expect(picture.status).toBe(200)
    const docs = await fetch(`${url}/api/docs`)
    expect((await docs.json()).paths['/api/v1/deals']).toBeDefined()

    expect(await stop(child)).toBe(0)
    expect(output()).toContain('SIGTERM: closing')

    // started again on the same file: the neighbourhood is kept, not seeded twice
    const again = await launch({ DATABASE_URL: db })
    expect(again.output()).not.toContain('Seeded')
    expect((await (await fetch(`${again.url}/api/v1/deals`)).json()).deals.length).toBe(16)
    expect(await stop(again.child, 'SIGINT')).toBe(0)
  })

  it('says so when every demo deal is past its cutoff', async () => {
    const file = path.join(dir, 'stale.db')
    const db = openDatabase({ kind: 'sqlite', file })
    await migrateToLatest(db)
    await seedIfEmpty(db, new Date(Date.now() - 4 * 86_400_000))
    await db.destroy()
    const { child, output, url } = await launch({ DATABASE_URL: `sqlite:${file}` })
    expect(output()).toContain('演示团购都已截单: run npm run seed -- --reset')
    // and no read shows any of them still open
    expect((await (await fetch(`${url}/api/v1/deals`)).json()).deals).toEqual([])
    expect(await stop(child)).toBe(0)
  })

  it('a bad configuration is one clear line and exit code 1', async () => {
    const child = spawn(tsx, ['server/start.ts'], { cwd: root, env: { ...process.env, DATABASE_URL: 'mysql://nope' } })
    let err = ''
    child.stderr.on('data', (b) => (err += b))
    const code = await new Promise((resolve) => child.on('exit', resolve))
    expect(code).toBe(1)
    expect(err.trim()).toBe('Configuration error: DATABASE_URL must be sqlite:/path/file.db or postgres://..., got "mysql://nope"')
  })

  it('a production server starts on an empty database without the demo neighbourhood', async () => {
    const file = path.join(dir, 'production.db')
    const running = await start(
      testConfig({ production: true, devLogin: false, port: 0, database: { kind: 'sqlite', file }, staticDir: null }),
      () => undefined,
    )
    try {
      const res = await fetch(`${running.url}/api/v1/deals`)
      expect((await res.json()).deals).toEqual([])
      expect(await running.app.ctx.db.selectFrom('users').select('id').execute()).toEqual([])
    } finally {
      await running.close()
    }
  })
})

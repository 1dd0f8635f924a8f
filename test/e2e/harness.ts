import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { AuthResponse, DealDetail, PickupPoint } from '../../types/api'

const root = path.resolve(__dirname, '../..')
/** Screenshots land here (git-ignored); look at them after a run. */
export const shotsDir = path.join(root, '.e2e')

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

export interface RunningApp {
  baseUrl: string
  stop: () => Promise<void>
}

/**
 * `npm start` as a user runs it: a fresh SQLite file, seeded, app and API on one port
 * (it builds the H5 app first when dist/h5 is missing, hence the long wait).
 */
export async function startApp(options: { env?: Record<string, string> } = {}): Promise<RunningApp> {
  const port = await freePort()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-e2e-'))
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'server/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: `sqlite:${path.join(dataDir, 'linli.db')}`,
      UPLOADS_DIR: path.join(dataDir, 'uploads'),
      NODE_ENV: 'development',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 180_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited early:\n${output}`)
    try {
      const res = await fetch(`${baseUrl}/api/v1/deals`)
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not come up in 180 s:\n${output}`)
    await new Promise((r) => setTimeout(r, 250))
  }
  return {
    baseUrl,
    stop: async () => {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** A phone: 390×844 at 3× like an iPhone 14, Chinese locale, Shanghai time. */
export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  return context.newPage()
}

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(shotsDir, { recursive: true })
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: false })
}

export async function api<T = any>(baseUrl: string, pathname: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${baseUrl}/api/v1${pathname}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
  })
  const body = await res.json()
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${pathname}: ${res.status} ${JSON.stringify(body)}`)
  return body as T
}

/**
 * A real PNG painted pixel by pixel (`paint(x, y)` -> [r, g, b]), made in the test so it needs no
 * fixture file: a product photo, a photo of bruised fruit.
 */
export function paintedPng(size: number, paint: (x: number, y: number) => [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf: Buffer) => {
    let c = 0xffffffff
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([len, body, sum])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // RGB
  const rows: Buffer[] = []
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3)
    for (let x = 0; x < size; x++) row.set(paint(x, y), 1 + x * 3)
    rows.push(row)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** A fresh deal where one more friend unlocks the lower price: ¥12.80 alone, ¥8.80 from two people. */
export async function dealForTwo(baseUrl: string, title = '临安山核桃 一起拼', leaderHandle = 'e2e-shopper-leader'): Promise<DealDetail> {
  const leader = await api<AuthResponse>(baseUrl, '/auth/dev-login', {
    method: 'POST',
    body: JSON.stringify({ handle: leaderHandle, role: 'leader', nickname: '王阿姨' }),
  })
  const point = await api<PickupPoint>(baseUrl, '/leader/pickup-points', {
    method: 'POST',
    headers: { authorization: `Bearer ${leader.token}` },
    body: JSON.stringify({ name: '花园小区便利店', address: '花园路8号', lat: 30.6, lng: 119.68, hours: '07:00-22:00', contact: '13800002222' }),
  })
  const now = Date.now()
  const draft = await api<{ deal: DealDetail }>(baseUrl, '/leader/deals', {
    method: 'POST',
    headers: { authorization: `Bearer ${leader.token}` },
    body: JSON.stringify({
      title,
      product: { name: '山核桃', spec: '250g/袋', description: '当季新炒，手剥不费力', images: [] },
      listPriceFen: 1680,
      tierBasis: 'people',
      tiers: [
        { threshold: 1, unitPriceFen: 1280 },
        { threshold: 2, unitPriceFen: 880 },
      ],
      minToSucceed: 2,
      stockUnits: 100,
      perUserLimit: 5,
      cutoffAt: new Date(now + 6 * 3600_000).toISOString(),
      pickupStart: new Date(now + 24 * 3600_000).toISOString(),
      pickupEnd: new Date(now + 30 * 3600_000).toISOString(),
      pickupPointIds: [point.id],
    }),
  })
  const { deal } = await api<{ deal: DealDetail }>(baseUrl, `/leader/deals/${draft.deal.id}/publish`, {
    method: 'POST',
    headers: { authorization: `Bearer ${leader.token}` },
    body: '{}',
  })
  return deal
}

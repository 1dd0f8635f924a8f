/** What the bench scripts share: a Linli server process on a database, and JSON calls to it. */
import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import type autocannon from 'autocannon'
import net from 'node:net'
import path from 'node:path'

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

export async function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort()
  // BENCH_PROFILE=dir: write a CPU profile of the server there, to see where a figure's time goes
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : []
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/start.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      STATIC_DIR: '',
      NODE_ENV: 'development',
      LINLI_DEV_LOGIN: '1',
      // holds outlive the run, so the race measures the stock cap and not the sweeper
      ORDER_HOLD_MINUTES: '60',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const base = `http://127.0.0.1:${port}/api/v1`
  const until = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`)
    try {
      if ((await fetch(`${base}/ping`)).ok) return { base, child }
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`server did not start:\n${output}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
  if (child.exitCode === null) child.kill('SIGKILL')
}

export async function api(base: string, method: string, url: string, token?: string, body?: object, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  })
  const json = await res.json()
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`)
  return json
}

type Request = NonNullable<Parameters<typeof autocannon>[0]['requests']>[number]

/**
 * autocannon's request for joins of one deal: each a new order (its own Idempotency-Key) of one
 * unit at `pointId`, by the shoppers of `tokens` in turn.
 */
export function joinRequest(dealId: string, pointId: string, tokens: string[], keyPrefix: string): Request {
  let n = 0
  return {
    method: 'POST',
    path: `/api/v1/deals/${dealId}/orders`,
    setupRequest: (req) => {
      const i = n++
      return {
        ...req,
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${tokens[i % tokens.length]}`,
          'idempotency-key': `${keyPrefix}-${i}-${crypto.randomBytes(4).toString('hex')}`,
        },
        body: JSON.stringify({ quantity: 1, pickupPointId: pointId }),
      }
    },
  }
}

import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

/**
 * `npm run start:cluster`: Linli as it scales out — two API instances over one PostgreSQL (sharing
 * sessions, caches dropped over LISTEN/NOTIFY, photos in the database, one sweeper at a time) behind
 * nginx, which balances requests and carries the live deal sockets. Open the printed URL.
 *
 * A `linli_instance=1` (or 2) cookie pins a browser to one instance, so a test can put two phones
 * on different instances; every reply says which one answered in `X-Linli-Upstream`.
 */
export interface ClusterOptions {
  /** nginx's port (PORT, default 3000) */
  port: number
  /** the instances' own ports, not meant for browsers */
  instancePorts: number[]
  /** postgres://... ; the database is created when it does not exist */
  databaseUrl: string
  log?: (line: string) => void
  /** extra environment for the instances */
  env?: Record<string, string>
}

export interface RunningCluster {
  url: string
  instanceUrls: string[]
  close: () => Promise<void>
}

const root = path.resolve(__dirname, '..')

export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  const log = options.log ?? console.log
  const nginx = findNginx()
  if (!nginx) throw new Error('nginx is not installed (Debian: apt-get install -y nginx)')
  await createDatabaseIfMissing(options.databaseUrl)

  const children: ChildProcess[] = []
  const stop = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
    }
  }
  try {
    const instanceUrls: string[] = []
    // one after the other: the first migrates, seeds an empty database and builds the H5 app if needed
    for (const [i, port] of options.instancePorts.entries()) {
      const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'server/start.ts')], {
        cwd: root,
        env: { ...process.env, ...options.env, PORT: String(port), DATABASE_URL: options.databaseUrl, TRUST_PROXY: '1', HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      children.push(child)
      const prefix = `[api ${i + 1}] `
      child.stdout!.on('data', (d: Buffer) => log(prefix + d.toString().trimEnd()))
      child.stderr!.on('data', (d: Buffer) => log(prefix + d.toString().trimEnd()))
      const url = `http://127.0.0.1:${port}`
      await waitUntilUp(`${url}/api/v1/ping`, child)
      instanceUrls.push(url)
    }

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-nginx-'))
    fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig(dir, options.port, options.instancePorts))
    const proxy = spawn(nginx, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] })
    children.push(proxy)
    proxy.stderr!.on('data', (d: Buffer) => log(`[nginx] ${d.toString().trimEnd()}`))
    const url = `http://127.0.0.1:${options.port}`
    await waitUntilUp(`${url}/api/v1/ping`, proxy)
    return {
      url,
      instanceUrls,
      close: async () => {
        await stop()
        fs.rmSync(dir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await stop()
    throw error
  }
}

function findNginx(): string | null {
  for (const candidate of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx']) if (fs.existsSync(candidate)) return candidate
  const which = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' })
  return which.status === 0 ? which.stdout.trim() : null
}

/** CREATE DATABASE when the URL's database does not exist yet (connecting to `postgres` to do it). */
export async function createDatabaseIfMissing(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl)
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''))
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name "${name}": use lower-case letters, digits and _`)
  url.pathname = '/postgres'
  const admin = new pg.Client({ connectionString: url.toString() })
  await admin.connect()
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [name])
    if (found.rowCount === 0) await admin.query(`create database ${name}`)
  } finally {
    await admin.end()
  }
}

async function waitUntilUp(url: string, child: ChildProcess, ms = 240_000): Promise<void> {
  const deadline = Date.now() + ms
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode})`)
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up in ${ms / 1000} s`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** nginx in the foreground, its files in `dir`: balancing, pinning by cookie, WebSocket upgrades. */
export function nginxConfig(dir: string, port: number, instancePorts: number[]): string {
  const servers = (ports: number[]) => ports.map((p) => `    server 127.0.0.1:${p};`).join('\n')
  const pinned = instancePorts.map((p, i) => `  upstream instance${i + 1} {\n${servers([p])}\n    keepalive 16;\n  }`).join('\n')
  const pins = instancePorts.map((_, i) => `    "${i + 1}" instance${i + 1};`).join('\n')
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0
  return `${asRoot ? 'user root;\n' : ''}daemon off;
worker_processes 2;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 8m;

  upstream balanced {
${servers(instancePorts)}
    keepalive 64;
  }
${pinned}
  map $cookie_linli_instance $linli_backend {
    default balanced;
${pins}
  }
  # a socket upgrade passes through; plain requests keep the upstream connection alive
  map $http_upgrade $connection_upgrade {
    default upgrade;
    '' '';
  }

  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://$linli_backend;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 1h;
      add_header X-Linli-Upstream $upstream_addr always;
    }
  }
}
`
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000)
  const cluster = await startCluster({
    port,
    instancePorts: [port + 101, port + 102],
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/linli_cluster',
  })
  console.log(
    `Linli (two instances behind nginx) at ${cluster.url.replace('127.0.0.1', 'localhost')}; instances at ${cluster.instanceUrls.join(', ')}`,
  )
  const shutdown = () => void cluster.close().then(() => process.exit(0))
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(error.message)
    process.exit(1)
  })
}

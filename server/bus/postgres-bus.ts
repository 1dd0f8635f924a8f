import crypto from 'node:crypto'
import pg from 'pg'
import { type Bus, Subscribers } from './bus'

/** NOTIFY payloads must stay under 8000 bytes; a bigger message is a mistake in the caller. */
const MAX_PAYLOAD_BYTES = 7900
/** Messages kept while the connection is down; past that, everyone is told to forget what they know. */
const MAX_UNSENT = 1000
const GAP_TOPIC = '$gap'

/**
 * A bus over PostgreSQL LISTEN/NOTIFY: one connection per instance listens on one channel (one per
 * schema, so test files and several towns on one server never hear each other) and sends on it.
 * If the connection drops it reconnects with backoff and reports a gap, since whatever was sent
 * meanwhile was not heard.
 */
export async function postgresBus(url: string, options: { schema?: string; log?: (line: string) => void } = {}): Promise<Bus> {
  const channel = `linli_${(options.schema ?? 'public').toLowerCase().replace(/[^a-z0-9_]/g, '_')}`
  const id = `pg-${crypto.randomBytes(6).toString('hex')}`
  const subscribers = new Subscribers()
  const log = options.log ?? ((line: string) => console.error(line))
  let client: pg.Client | null = null
  let closed = false
  let failures = 0
  let connecting: Promise<void> | null = null
  const unsent: string[] = []
  let overflowed = false

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url })
    next.on('notification', (n) => {
      if (n.channel !== channel || !n.payload) return
      let message: { o: string; t: string; p: unknown }
      try {
        message = JSON.parse(n.payload) as typeof message
      } catch {
        return
      }
      if (message.t === GAP_TOPIC) subscribers.gap()
      else subscribers.deliver(message.t, message.p, message.o)
    })
    const lost = (error?: Error) => {
      if (client !== next) return
      client = null
      next.removeAllListeners('error')
      next.on('error', () => {})
      void next.end().catch(() => {})
      if (closed) return
      log(`bus: lost the PostgreSQL connection (${error?.message ?? 'closed'}); reconnecting`)
      subscribers.gap()
      reconnectSoon()
    }
    next.on('error', lost)
    next.on('end', () => lost())
    await next.connect()
    await next.query(`LISTEN ${channel}`)
    client = next
    failures = 0
    // what this instance said while it could not: in order, or (too much of it) a gap for everyone
    const queued = unsent.splice(0)
    if (overflowed) {
      overflowed = false
      await send(JSON.stringify({ o: id, t: GAP_TOPIC, p: null }))
    } else {
      for (const text of queued) await send(text)
    }
  }

  const send = async (text: string) => {
    await client?.query('select pg_notify($1, $2)', [channel, text]).catch(() => {})
  }

  const reconnectSoon = () => {
    const delay = Math.min(100 * 2 ** failures, 5_000)
    failures++
    setTimeout(() => {
      if (closed || client) return
      connecting = connect()
        .then(() => subscribers.gap())
        .catch((error: Error) => {
          log(`bus: cannot reach PostgreSQL (${error.message}); retrying`)
          reconnectSoon()
        })
        .finally(() => (connecting = null))
    }, delay).unref?.()
  }

  await connect()

  return {
    id,
    async publish(topic, payload) {
      const text = JSON.stringify({ o: id, t: topic, p: payload ?? null })
      if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) throw new Error(`bus: a "${topic}" message is too large for NOTIFY`)
      if (client) return send(text)
      // sent once the connection is back
      if (unsent.length < MAX_UNSENT) unsent.push(text)
      else overflowed = true
    },
    subscribe: (topic, handler) => subscribers.subscribe(topic, handler),
    onGap: (handler) => subscribers.onGap(handler),
    async close() {
      closed = true
      await connecting
      const last = client
      client = null
      if (last) await last.end().catch(() => {})
    },
  }
}

import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { writeCounterOf } from '../db/committed-writes'
import type { Bus } from './bus'

export const WRITES_TOPIC = 'writes'

/**
 * Tell every instance which tables this one committed writes to, and count theirs as if they were
 * ours: a read cache entry (server/db/read-cache.ts) then drops on every instance at once — a
 * sign-out, a cancel, a leader's edit. Writes within one tick go out as one message, so a burst of
 * joins costs one NOTIFY, not one per order. A gap on the bus drops every cached entry.
 */
export function shareWrites(db: Kysely<DB>, bus: Bus): () => void {
  const counter = writeCounterOf(db)
  if (!counter) throw new Error('shareWrites: a database opened with openDatabase')
  let pending: Set<string> | null | undefined
  const flush = () => {
    const tables = pending
    pending = undefined
    void bus.publish(WRITES_TOPIC, tables === null ? null : [...tables!])
  }
  const stopListening = counter.onCommitted((tables) => {
    const first = pending === undefined
    if (tables === null || pending === null) pending = null
    else {
      pending ??= new Set()
      for (const t of tables) pending.add(t)
    }
    if (first) setImmediate(flush)
  })
  const stopHearing = bus.subscribe(WRITES_TOPIC, (payload, origin) => {
    if (origin === bus.id) return
    counter.committedElsewhere(Array.isArray(payload) ? payload.filter((t): t is string => typeof t === 'string') : null)
  })
  const stopGaps = bus.onGap(() => counter.committedElsewhere(null))
  return () => {
    stopListening()
    stopHearing()
    stopGaps()
  }
}

import { LRUCache } from 'lru-cache'
import type { Kysely } from 'kysely'
import { committedWrites } from './committed-writes'

/**
 * A cache for the hottest reads (a deal page that a whole street opens from one share card, the
 * session behind every request). An entry is served only while
 * - this process has committed no write to a table it was read from (nothing it wrote is hidden), and
 * - it is younger than `ttlMs` (what another process sharing the database wrote shows soon).
 * Callers add their own conditions (e.g. a deal is not served as open past its cutoff).
 *
 * One cache per database, so apps built on different databases (tests) never share entries.
 */
export class ReadCache<V extends {}> {
  private readonly caches = new WeakMap<Kysely<any>, LRUCache<string, { value: V; writes: number }>>()

  /** `readsFrom`: the tables an entry is read from; a write this process commits to one drops it. */
  constructor(private readonly options: { readsFrom: readonly string[]; max: number; ttlMs: number }) {}

  /** Take the write count before reading, then `set` what was read with it. */
  writesNow(db: Kysely<any>): number {
    return committedWrites(db, this.options.readsFrom)
  }

  get(db: Kysely<any>, key: string): V | undefined {
    const entry = this.caches.get(db)?.get(key)
    if (!entry) return undefined
    return entry.writes === this.writesNow(db) ? entry.value : undefined
  }

  set(db: Kysely<any>, key: string, value: V, writesBeforeReading: number): void {
    // a write committed while reading: what was read may already be old
    if (writesBeforeReading !== this.writesNow(db)) return
    let cache = this.caches.get(db)
    if (!cache) {
      cache = new LRUCache({ max: this.options.max, ttl: this.options.ttlMs })
      this.caches.set(db, cache)
    }
    cache.set(key, { value, writes: writesBeforeReading })
  }
}

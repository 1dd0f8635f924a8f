/**
 * What every API instance hears: committed writes (so read caches drop everywhere at once) and, on
 * top of them, live updates. One process (the embedded SQLite default, tests) uses the in-process
 * bus; instances sharing PostgreSQL use LISTEN/NOTIFY (postgres-bus.ts) — the database they already
 * share, so there is nothing else to run, secure or keep in step with it.
 */
export interface Bus {
  /** Send `payload` (JSON) on `topic` to every subscriber on every instance, this one included. */
  publish(topic: string, payload: unknown): Promise<void>
  /** `handler` hears the topic's messages; `origin` is the id of the bus that sent it. */
  subscribe(topic: string, handler: (payload: unknown, origin: string) => void): () => void
  /**
   * Called when messages may have been missed (the connection dropped and came back): whoever
   * keeps state from the bus must not trust it.
   */
  onGap(handler: () => void): () => void
  /** This bus's own id, as `origin` shows it to subscribers. */
  readonly id: string
  close(): Promise<void>
}

type Handler = (payload: unknown, origin: string) => void

/** Subscribers per topic and gap listeners: the half of a bus that stays inside the process. */
export class Subscribers {
  private readonly topics = new Map<string, Set<Handler>>()
  private readonly gaps = new Set<() => void>()

  subscribe(topic: string, handler: Handler): () => void {
    let set = this.topics.get(topic)
    if (!set) this.topics.set(topic, (set = new Set()))
    set.add(handler)
    return () => {
      set.delete(handler)
      if (set.size === 0) this.topics.delete(topic)
    }
  }

  onGap(handler: () => void): () => void {
    this.gaps.add(handler)
    return () => this.gaps.delete(handler)
  }

  deliver(topic: string, payload: unknown, origin: string): void {
    for (const handler of [...(this.topics.get(topic) ?? [])]) {
      try {
        handler(payload, origin)
      } catch (error) {
        // one subscriber's mistake must not keep the message from the others
        console.error(`bus: a "${topic}" subscriber failed:`, error)
      }
    }
  }

  gap(): void {
    for (const handler of [...this.gaps]) handler()
  }
}

let buses = 0

/**
 * Every subscriber in this process hears every message, at once (on the next tick). Buses made on
 * one `hub` hear each other, as instances do (tests run two apps in one process that way).
 */
export function inProcessBus(hub: Subscribers = new Subscribers()): Bus {
  const id = `local-${process.pid}-${++buses}`
  return {
    id,
    async publish(topic, payload) {
      const copy = JSON.parse(JSON.stringify(payload ?? null)) as unknown
      queueMicrotask(() => hub.deliver(topic, copy, id))
    },
    subscribe: (topic, handler) => hub.subscribe(topic, handler),
    onGap: (handler) => hub.onGap(handler),
    async close() {},
  }
}

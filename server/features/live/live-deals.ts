import type { WebSocket } from 'ws'
import type { LiveDeal, LiveFrame } from '../../../types/api'
import { writeCounterOf } from '../../db/committed-writes'
import type { AppContext } from '../../http/context'
import { liveDeal } from '../deals/deals.service'

/** Tables whose writes can move what a live deal page shows (the deal row carries its counts). */
const WATCHED_TABLES = new Set(['deals', 'orders'])
/** Changes within this long go out as one frame: a burst of joins is one refresh, not one each. */
export const COALESCE_MS = 40
/** A watcher that has not read this much of what was sent is not reading: it is let go. */
export const MAX_BUFFERED_BYTES = 256 * 1024
/** Sockets one client address may hold open at once (a page per deal in a few tabs is plenty). */
export const MAX_SOCKETS_PER_CLIENT = 20

/**
 * Everyone on this instance watching a deal live. Any committed write to the deals (this
 * instance's or another's, heard on the bus: see server/bus/shared-writes.ts) schedules one refresh:
 * each watched deal is read once and, if it changed, the same frame goes to every one of its
 * watchers. So a hot deal with ten thousand watchers costs one read and one message per change per
 * instance, not a query per watcher.
 */
export class LiveDeals {
  private readonly watchers = new Map<string, Set<WebSocket>>()
  private readonly lastSent = new Map<string, string>()
  private readonly perClient = new Map<string, number>()
  private readonly stopCounting: () => void
  private scheduled: NodeJS.Timeout | null = null
  private refreshing: Promise<void> | null = null
  private again = false

  constructor(private readonly ctx: AppContext) {
    const counter = writeCounterOf(ctx.db)
    this.stopCounting =
      counter?.onCounted((tables) => {
        if (tables === null || tables.some((t) => WATCHED_TABLES.has(t))) this.schedule()
      }) ?? (() => {})
  }

  /** How many sockets `client` has open (to refuse a flood before it opens another). */
  socketsOf(client: string): number {
    return this.perClient.get(client) ?? 0
  }

  get watcherCount(): number {
    let n = 0
    for (const set of this.watchers.values()) n += set.size
    return n
  }

  /** Start sending `dealId`'s changes to `socket` (the first frame, its state now, at once). */
  async watch(dealId: string, socket: WebSocket, client: string, first: LiveDeal): Promise<void> {
    let set = this.watchers.get(dealId)
    if (!set) this.watchers.set(dealId, (set = new Set()))
    set.add(socket)
    this.perClient.set(client, this.socketsOf(client) + 1)
    socket.once('close', () => {
      set.delete(socket)
      if (set.size === 0 && this.watchers.get(dealId) === set) {
        this.watchers.delete(dealId)
        this.lastSent.delete(dealId)
      }
      const left = this.socketsOf(client) - 1
      if (left > 0) this.perClient.set(client, left)
      else this.perClient.delete(client)
    })
    this.send(socket, this.frame(first))
  }

  frame(deal: LiveDeal): string {
    const frame: LiveFrame = { type: 'deal', deal, serverNow: this.ctx.now().toISOString() }
    return JSON.stringify(frame)
  }

  /** Send, unless the socket is not keeping up: then it is closed (it can reconnect and catch up). */
  send(socket: WebSocket, text: string): void {
    if (socket.readyState !== socket.OPEN) return
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      socket.terminate()
      return
    }
    socket.send(text)
  }

  private schedule(): void {
    if (this.watchers.size === 0) return
    if (this.refreshing) {
      this.again = true
      return
    }
    this.scheduled ??= setTimeout(() => {
      this.scheduled = null
      this.refreshing = this.refresh()
        .catch((error) => console.error('live deals:', error))
        .finally(() => {
          this.refreshing = null
          if (this.again) {
            this.again = false
            this.schedule()
          }
        })
    }, COALESCE_MS)
  }

  private async refresh(): Promise<void> {
    for (const [dealId, sockets] of [...this.watchers]) {
      let deal: LiveDeal
      try {
        deal = await liveDeal(this.ctx, dealId)
      } catch {
        continue
      }
      // what is sent carries the moment it was sent; compare what changed, not the clock
      const state = JSON.stringify(deal)
      if (this.lastSent.get(dealId) === state) continue
      this.lastSent.set(dealId, state)
      const text = this.frame(deal)
      for (const socket of sockets) this.send(socket, text)
    }
  }

  async close(): Promise<void> {
    this.stopCounting()
    if (this.scheduled) clearTimeout(this.scheduled)
    await this.refreshing
    for (const sockets of this.watchers.values()) for (const socket of sockets) socket.terminate()
    this.watchers.clear()
  }
}

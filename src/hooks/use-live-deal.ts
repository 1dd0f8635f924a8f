import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { DealDetail, LiveDeal, LiveFrame } from '../../types/api'
import { getLiveDeal, liveSocketUrl } from '@/api/live'

export const LiveStatus = { connecting: 'connecting', live: 'live', polling: 'polling' } as const
export type LiveStatus = (typeof LiveStatus)[keyof typeof LiveStatus]

/**
 * The page's deal with the live state laid over it (counts, prices, stock, status). The reader's own
 * part (myUnits, maxMoreUnits) is the page's to fetch again when the state changes enough to move it:
 * see `needsReload`.
 */
export function withLive<D extends DealDetail>(deal: D, live: LiveDeal | null): D {
  if (!live || live.id !== deal.id) return deal
  const stockLeft = live.stockUnits === null ? null : Math.max(0, live.stockUnits - live.soldUnits)
  const maxMoreUnits = deal.maxMoreUnits === undefined || stockLeft === null ? deal.maxMoreUnits : Math.min(deal.maxMoreUnits, stockLeft)
  return {
    ...deal,
    status: live.status,
    count: live.count,
    currentUnitPriceFen: live.currentUnitPriceFen,
    nextTier: live.nextTier,
    stockUnits: live.stockUnits,
    soldUnits: live.soldUnits,
    ...(maxMoreUnits === undefined ? {} : { maxMoreUnits }),
  }
}

/** A change the overlay cannot show alone (the deal closed, sold out, or came back): read the page again. */
export function needsReload(deal: DealDetail, live: LiveDeal): boolean {
  return live.id === deal.id && live.status !== deal.status
}

/** How often a page without a socket asks for the deal instead. */
export const POLL_MS = 5_000
/** After this many sockets in a row failed to open, poll until one opens again. */
export const POLL_AFTER_FAILURES = 2

/** 1 s, 2 s, 4 s ... at most 30 s between reconnects, with a little jitter so a town does not reconnect in step. */
export function reconnectDelayMs(failures: number, random = Math.random): number {
  const base = Math.min(1_000 * 2 ** Math.max(0, failures - 1), 30_000)
  return Math.round(base * (0.8 + 0.4 * random()))
}

/**
 * Watch a deal live: `onDeal` gets its state on connecting and after every change (a friend joined,
 * the price fell, it sold out or was cancelled). The socket reconnects with backoff; while it cannot
 * open, the page polls. Returns whether the page is live (for a subtle "live" mark).
 */
export function useLiveDeal(dealId: string | null | undefined, onDeal: (deal: LiveDeal) => void): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>(LiveStatus.connecting)
  const handler = useRef(onDeal)
  handler.current = onDeal

  useEffect(() => {
    if (!dealId) return
    let stopped = false
    let task: Taro.SocketTask | null = null
    let failures = 0
    let retry: ReturnType<typeof setTimeout> | null = null
    let poll: ReturnType<typeof setInterval> | null = null

    const pollOnce = () =>
      getLiveDeal(dealId).then(
        (r) => !stopped && handler.current(r.deal),
        () => undefined,
      )
    const startPolling = () => {
      if (poll) return
      setStatus(LiveStatus.polling)
      void pollOnce()
      poll = setInterval(pollOnce, POLL_MS)
    }
    const stopPolling = () => {
      if (poll) clearInterval(poll)
      poll = null
    }

    const connect = async () => {
      retry = null
      if (stopped) return
      let done = false
      const lost = () => {
        if (done || stopped) return
        done = true
        task = null
        failures++
        if (failures >= POLL_AFTER_FAILURES) startPolling()
        else setStatus(LiveStatus.connecting)
        retry = setTimeout(connect, reconnectDelayMs(failures))
      }
      try {
        const opened = await Taro.connectSocket({ url: liveSocketUrl(dealId) })
        if (stopped) {
          void opened.close({})
          return
        }
        task = opened
      } catch {
        return lost()
      }
      task.onOpen(() => {
        failures = 0
        stopPolling()
        setStatus(LiveStatus.live)
      })
      task.onMessage(({ data }) => {
        if (typeof data !== 'string') return
        try {
          const frame = JSON.parse(data) as LiveFrame
          if (frame.type === 'deal') handler.current(frame.deal)
        } catch {
          // not a frame of ours: ignore it
        }
      })
      task.onError(lost)
      task.onClose(lost)
    }

    void connect()
    return () => {
      stopped = true
      if (retry) clearTimeout(retry)
      stopPolling()
      if (task) void task.close({})
    }
  }, [dealId])

  return status
}

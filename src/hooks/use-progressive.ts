import { useEffect, useState } from 'react'

/** Cards drawn at once: the first screen below the search box shows about three. */
export const FIRST_BATCH = 3
/**
 * Cards drawn in each later turn: one, so no turn is long enough (50 ms on a slow phone) to keep
 * the page from answering a tap; a card takes about 12 ms on a desktop, four times that on a phone.
 */
export const NEXT_BATCH = 1

/**
 * How many of a list's `total` items to draw now: the first screen's worth at once, the rest a few
 * at a time in later turns of the event loop. A long list drawn in one go is one long task that
 * blocks the first taps; drawn in batches it is many short ones. Never shrinks while the list grows
 * (more pages as the shopper scrolls); starts over when `resetKey` changes (a new search).
 */
export function useProgressiveCount(total: number, resetKey: unknown): number {
  const [state, setState] = useState({ key: resetKey, shown: FIRST_BATCH })
  const shown = state.key === resetKey ? state.shown : FIRST_BATCH
  if (state.key !== resetKey) setState({ key: resetKey, shown: FIRST_BATCH })
  useEffect(() => {
    if (shown >= total) return
    const timer = setTimeout(() => setState((s) => ({ ...s, shown: s.shown + NEXT_BATCH })), 0)
    return () => clearTimeout(timer)
  }, [shown, total])
  return Math.min(shown, total)
}

/**
 * False on the first draw (for this `key`), true a turn later: what lies below the first screen is
 * drawn in a turn of its own, so the page's first draw is short enough not to block a tap.
 */
export function useLaterTurn(key: unknown): boolean {
  const [readyFor, setReadyFor] = useState<unknown>(undefined)
  const ready = readyFor === key
  useEffect(() => {
    if (ready) return
    const timer = setTimeout(() => setReadyFor(key), 0)
    return () => clearTimeout(timer)
  }, [key, ready])
  return ready
}

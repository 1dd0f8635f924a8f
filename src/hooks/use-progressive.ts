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

import { useEffect, useState } from 'react'
import { useClock } from '@/stores/clock'

/** The server's "now" in epoch ms, re-rendering every `intervalMs` so countdowns tick. */
export function useServerNow(intervalMs = 1000): number {
  const offsetMs = useClock((s) => s.offsetMs)
  const [clientNow, setClientNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setClientNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return clientNow + offsetMs
}

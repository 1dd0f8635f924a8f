import { create } from 'zustand'
import { clockOffsetMs } from '@/domain'

/** The server's clock is the authority: countdowns use Date.now() + offsetMs. */
interface ClockState {
  offsetMs: number
  sync: (serverNow: string) => void
  reset: () => void
}

export const useClock = create<ClockState>()((set) => ({
  offsetMs: 0,
  sync: (serverNow) => {
    const offsetMs = clockOffsetMs(serverNow, Date.now())
    if (Number.isFinite(offsetMs)) set({ offsetMs })
  },
  reset: () => set({ offsetMs: 0 }),
}))

/** The server's "now" in epoch ms, for code outside React. */
export const serverNow = (): number => Date.now() + useClock.getState().offsetMs

import Taro from '@tarojs/taro'
import { create } from 'zustand'
import type { LatLng } from '@/domain'
import { locationType } from '@/platform'

type LocationStatus = 'idle' | 'locating' | 'granted' | 'denied'

interface LocationState {
  status: LocationStatus
  coords: LatLng | null
  locate: () => Promise<LatLng | null>
  reset: () => void
}

const initial = { status: 'idle' as LocationStatus, coords: null }

// A browser without a fix (or a refused prompt that never answers) must not hold the pages up.
const LOCATE_TIMEOUT_MS = 6000

export const useLocation = create<LocationState>()((set, get) => ({
  ...initial,
  locate: async () => {
    if (get().status === 'locating') return get().coords
    set({ status: 'locating' })
    try {
      const res = await Promise.race([
        Taro.getLocation({ type: locationType }),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), LOCATE_TIMEOUT_MS)),
      ])
      const coords = { lat: res.latitude, lng: res.longitude }
      set({ status: 'granted', coords })
      return coords
    } catch {
      set({ status: 'denied', coords: null })
      return null
    }
  },
  reset: () => set(initial),
}))

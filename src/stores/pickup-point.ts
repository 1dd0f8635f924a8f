import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { taroStorage } from './taro-storage'

/**
 * the shopper's usual pickup point, remembered on this device: the one she last joined
 * with, or the one she chose on the pickup points page. The join sheet picks it first whenever
 * the deal ships there (else the nearest, as before).
 */
interface PickupPointState {
  pointId: string | null
  remember: (pointId: string) => void
  forget: () => void
}

export const usePickupPoint = create<PickupPointState>()(
  persist(
    (set) => ({
      pointId: null,
      remember: (pointId) => set({ pointId }),
      forget: () => set({ pointId: null }),
    }),
    {
      name: 'linli-pickup-point',
      storage: taroStorage,
      partialize: ({ pointId }) => ({ pointId }),
    },
  ),
)

/** The point a join sheet starts on: the usual one when the deal ships there, else the first (nearest) one. */
export function preferredPoint(points: { id: string }[], usual: string | null): string {
  if (usual && points.some((p) => p.id === usual)) return usual
  return points[0]?.id ?? ''
}

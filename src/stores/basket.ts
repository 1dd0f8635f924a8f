import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { taroStorage } from './taro-storage'

/** what the shopper means to check out together: deal ids and quantities, kept across visits. */
export interface BasketItem {
  dealId: string
  quantity: number
}

/** The server checks out at most this many deals at once. */
export const BASKET_MAX_ITEMS = 10

interface BasketState {
  items: BasketItem[]
  /** add a deal (once: adding it again adds to its quantity); false when the basket is full */
  add: (dealId: string, quantity?: number) => boolean
  setQuantity: (dealId: string, quantity: number) => void
  remove: (dealId: string) => void
  clear: () => void
}

export const useBasket = create<BasketState>()(
  persist(
    (set, get) => ({
      items: [],
      add: (dealId, quantity = 1) => {
        const { items } = get()
        if (items.some((i) => i.dealId === dealId)) {
          set({ items: items.map((i) => (i.dealId === dealId ? { ...i, quantity: i.quantity + quantity } : i)) })
          return true
        }
        if (items.length >= BASKET_MAX_ITEMS) return false
        set({ items: [...items, { dealId, quantity }] })
        return true
      },
      setQuantity: (dealId, quantity) =>
        set({ items: get().items.map((i) => (i.dealId === dealId ? { ...i, quantity: Math.max(1, Math.floor(quantity)) } : i)) }),
      remove: (dealId) => set({ items: get().items.filter((i) => i.dealId !== dealId) }),
      clear: () => set({ items: [] }),
    }),
    { name: 'linli-basket', storage: taroStorage, partialize: ({ items }) => ({ items }) },
  ),
)

import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { taroStorage } from '@/stores/taro-storage'

export type Locale = 'zh-CN' | 'en'

interface LocaleState {
  locale: Locale
  setLocale: (locale: Locale) => void
  reset: () => void
}

/** The shopper's language, kept across launches (Taro storage); Chinese until she switches. */
export const useLocale = create<LocaleState>()(
  persist(
    (set) => ({
      locale: 'zh-CN',
      setLocale: (locale) => set({ locale }),
      reset: () => set({ locale: 'zh-CN' }),
    }),
    { name: 'linli-locale', storage: taroStorage, partialize: ({ locale }) => ({ locale }) },
  ),
)

import Taro from '@tarojs/taro'
import { createJSONStorage } from 'zustand/middleware'

/** zustand persistence over Taro's storage (wx storage in WeChat, localStorage on H5). */
export const taroStorage = createJSONStorage(() => ({
  getItem: (name: string) => {
    const value = Taro.getStorageSync(name)
    return typeof value === 'string' && value !== '' ? value : null
  },
  setItem: (name: string, value: string) => Taro.setStorageSync(name, value),
  removeItem: (name: string) => Taro.removeStorageSync(name),
}))

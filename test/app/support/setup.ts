import '@testing-library/jest-dom'
import { cleanup } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { useClock } from '@/stores/clock'
import { useLocation } from '@/stores/location'
import { useSession } from '@/stores/session'

afterEach(() => {
  cleanup()
  jest.restoreAllMocks()
  jest.useRealTimers()
  useSession.getState().reset()
  useLocation.getState().reset()
  useClock.getState().reset()
  Taro.clearStorageSync()
  Current.router = null
})

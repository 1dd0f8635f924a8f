import '@testing-library/jest-dom'
import { cleanup } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { useClock } from '@/stores/clock'
import { useLocation } from '@/stores/location'
import { useSession } from '@/stores/session'
import { usePickupPoint } from '@/stores/pickup-point'

afterEach(() => {
  cleanup()
  jest.restoreAllMocks()
  jest.useRealTimers()
  useSession.getState().reset()
  useLocation.getState().reset()
  useClock.getState().reset()
  usePickupPoint.getState().forget() // the usual pickup point
  Taro.clearStorageSync()
  Current.router = null
})

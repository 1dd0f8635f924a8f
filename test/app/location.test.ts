import Taro from '@tarojs/taro'
import { useLocation } from '@/stores/location'

describe('the location store', () => {
  it('keeps the coordinates when the shopper allows location', async () => {
    jest.spyOn(Taro, 'getLocation').mockResolvedValue({ latitude: 30.5, longitude: 114.3 } as never)
    await expect(useLocation.getState().locate()).resolves.toEqual({ lat: 30.5, lng: 114.3 })
    expect(useLocation.getState().status).toBe('granted')
  })

  it('carries on without a location when the shopper refuses', async () => {
    jest.spyOn(Taro, 'getLocation').mockRejectedValue(new Error('getLocation:fail auth deny'))
    await expect(useLocation.getState().locate()).resolves.toBeNull()
    expect(useLocation.getState()).toMatchObject({ status: 'denied', coords: null })
  })

  it('gives up after a few seconds when no answer comes', async () => {
    jest.useFakeTimers()
    jest.spyOn(Taro, 'getLocation').mockReturnValue(new Promise(() => undefined) as never)
    const located = useLocation.getState().locate()
    await jest.advanceTimersByTimeAsync(6000)
    await expect(located).resolves.toBeNull()
    expect(useLocation.getState().status).toBe('denied')
  })
})

// Inside WeChat: a pickup point's map opens WeChat's own map at its place.
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import PickupPointsPage from '@/shopper/pages/pickup-points/index'
import { fakeApi } from './support/fake-api'
import { pointA } from './support/fixtures'

it('tapping a point, then the map, opens Taro.openLocation at its coordinates; the phone calls', async () => {
  const openLocation = jest.fn().mockResolvedValue({ errMsg: 'openLocation:ok' })
  ;(Taro as unknown as { openLocation: unknown }).openLocation = openLocation
  const call = jest.spyOn(Taro, 'makePhoneCall').mockResolvedValue({ errMsg: 'makePhoneCall:ok' })
  fakeApi({ 'GET /pickup-points': { body: { pickupPoints: [pointA] } } })
  render(<PickupPointsPage />)
  await userEvent.click(await screen.findByRole('button', { name: '查看 幸福里便利店 的详情' }))
  const details = await screen.findByRole('dialog', { name: '自提点详情' })
  await userEvent.click(within(details).getByRole('link', { name: '在地图中查看' }))
  expect(openLocation).toHaveBeenCalledWith(
    expect.objectContaining({ latitude: 30.5, longitude: 114.3, name: '幸福里便利店', address: '幸福路12号' }),
  )
  await userEvent.click(within(details).getByRole('link', { name: '拨打电话 13800000000' }))
  expect(call).toHaveBeenCalledWith({ phoneNumber: '13800000000' })
})

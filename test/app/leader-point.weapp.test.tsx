// Inside WeChat the leader picks the pickup point on WeChat's map (GCJ-02, as WeChat gives it).
import { fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import PointPage from '@/leader/pages/point/index'
import { useSession } from '@/stores/session'
import { fakeApi } from './support/fake-api'
import { shopper } from './support/fixtures'

beforeEach(() => {
  useSession.getState().signIn({ token: 't', user: { ...shopper, roles: ['shopper', 'leader'] } })
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' })
})

it("fills the name, address and place from WeChat's map and saves them as given", async () => {
  ;(Taro as unknown as { chooseLocation: unknown }).chooseLocation = jest.fn().mockResolvedValue({
    name: '幸福里便利店',
    address: '武汉市武昌区幸福路12号',
    latitude: 30.540123,
    longitude: 114.321456,
  })
  const calls = fakeApi({ 'POST /leader/pickup-points': (req) => ({ status: 201, body: { id: 'pp-new', leaderId: shopper.id, ...req.body } }) })
  render(<PointPage />)
  expect(screen.queryByLabelText('纬度')).toBeNull()
  await userEvent.click(screen.getByRole('button', { name: '在地图上选择位置' }))
  expect(await screen.findByRole('button', { name: '已选位置 30.5401, 114.3215 · 重新选择' })).toBeInTheDocument()
  expect(screen.getByDisplayValue('幸福里便利店')).toBeInTheDocument()
  expect(screen.getByDisplayValue('武汉市武昌区幸福路12号')).toBeInTheDocument()
  fireEvent(screen.getByLabelText('联系方式'), new CustomEvent('input', { detail: { value: '13800000000' }, bubbles: true }))
  await userEvent.click(screen.getByRole('button', { name: '保存自提点' }))
  expect(calls[0].body).toEqual(expect.objectContaining({ name: '幸福里便利店', address: '武汉市武昌区幸福路12号', lat: 30.540123, lng: 114.321456 }))
})

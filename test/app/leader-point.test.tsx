// A leader places a pickup point in a browser: where the phone is now, moved onto the map China uses.
import { fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import PointPage from '@/leader/pages/point/index'
import { wgs84ToGcj02 } from '@/domain'
import { useSession } from '@/stores/session'
import { fakeApi } from './support/fake-api'
import { shopper } from './support/fixtures'

function type(label: string, value: string) {
  fireEvent(screen.getByLabelText(label), new CustomEvent('input', { detail: { value, cursor: value.length }, bubbles: true }))
}

beforeEach(() => {
  useSession.getState().signIn({ token: 't', user: { ...shopper, roles: ['shopper', 'leader'] } })
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' })
})

describe("placing a pickup point from the browser's location", () => {
  it('takes the fix, converts it from WGS-84 to GCJ-02 and saves it with the typed address', async () => {
    const getLocation = jest.spyOn(Taro, 'getLocation').mockResolvedValue({ latitude: 30.5428, longitude: 114.3162 } as never)
    const calls = fakeApi({ 'POST /leader/pickup-points': (req) => ({ status: 201, body: { id: 'pp-new', leaderId: shopper.id, ...req.body } }) })
    render(<PointPage />)
    type('自提点名称', '阳光小区3栋')
    type('详细地址', '阳光路8号')
    type('联系方式', '13800000000')
    await userEvent.click(screen.getByRole('button', { name: '使用我现在的位置' }))
    expect(getLocation).toHaveBeenCalledWith(expect.objectContaining({ type: 'wgs84' }))
    const gcj = wgs84ToGcj02({ lat: 30.5428, lng: 114.3162 })
    expect(await screen.findByRole('button', { name: `已选位置 ${gcj.lat.toFixed(4)}, ${gcj.lng.toFixed(4)} · 重新选择` })).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: '保存自提点' }))
    expect(calls).toHaveLength(1)
    const body = calls[0].body as { lat: number; lng: number; address: string }
    expect(body.address).toBe('阳光路8号')
    // in Wuhan GCJ-02 sits a few hundred metres from the GPS fix
    expect(body.lat).toBeCloseTo(gcj.lat, 5)
    expect(body.lng).toBeCloseTo(gcj.lng, 5)
    expect(body.lng).not.toBeCloseTo(114.3162, 3)
  })

  it('says so when location is refused, and the coordinates can still be typed', async () => {
    jest.spyOn(Taro, 'getLocation').mockRejectedValue(new Error('getLocation:fail auth deny'))
    const calls = fakeApi({ 'POST /leader/pickup-points': (req) => ({ status: 201, body: { id: 'pp-new', leaderId: shopper.id, ...req.body } }) })
    render(<PointPage />)
    type('自提点名称', '阳光小区3栋')
    type('详细地址', '阳光路8号')
    type('联系方式', '13800000000')
    await userEvent.click(screen.getByRole('button', { name: '使用我现在的位置' }))
    expect(await screen.findByText('没能取得位置，请允许定位，或手动填写经纬度')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: '保存自提点' }))
    expect(screen.getByText('请点“使用我现在的位置”，或手动填写经纬度')).toBeInTheDocument()
    expect(calls).toHaveLength(0)
    type('纬度', '30.61')
    type('经度', '114.3')
    await userEvent.click(screen.getByRole('button', { name: '保存自提点' }))
    expect(calls[0].body).toEqual(expect.objectContaining({ lat: 30.61, lng: 114.3 }))
  })
})

describe('WGS-84 to GCJ-02', () => {
  it('moves a point in China by the known offset and leaves one abroad alone', () => {
    // a reference pair for Beijing (Tiananmen)
    const gcj = wgs84ToGcj02({ lat: 39.90734, lng: 116.39089 })
    expect(gcj.lat).toBeCloseTo(39.90874, 3)
    expect(gcj.lng).toBeCloseTo(116.39713, 3)
    expect(wgs84ToGcj02({ lat: 51.5, lng: -0.12 })).toEqual({ lat: 51.5, lng: -0.12 })
  })
})

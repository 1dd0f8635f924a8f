// A neighbour finds a pickup point in a browser: taps it for the details, calls the contact, opens a map.
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import PickupPointsPage from '@/shopper/pages/pickup-points/index'
import { PickupPointList } from '@/pages/deal/pickup-point-list'
import { dialNumber } from '@/domain'
import { useLocale } from '@/i18n'
import { fakeApi } from './support/fake-api'
import { pointA, pointB } from './support/fixtures'

afterEach(() => useLocale.getState().reset())

describe('the pickup points page in a browser', () => {
  it('tapping a point opens its address, hours, a phone to call and a web map at its coordinates', async () => {
    const call = jest.spyOn(Taro, 'makePhoneCall').mockResolvedValue({ errMsg: 'makePhoneCall:ok' })
    const open = jest.spyOn(window, 'open').mockReturnValue(null)
    fakeApi({ 'GET /pickup-points': { body: { pickupPoints: [pointA, { ...pointB, lat: 30.61, lng: 114.25, contact: '027-8765 4321' }] } } })
    render(<PickupPointsPage />)
    await userEvent.click(await screen.findByRole('button', { name: '查看 阳光小区3栋 的详情' }))
    const details = await screen.findByRole('dialog', { name: '自提点详情' })
    expect(details).toHaveTextContent('阳光路8号')
    expect(details).toHaveTextContent('09:00-20:00')
    await userEvent.click(within(details).getByRole('link', { name: '拨打电话 027-8765 4321' }))
    expect(call).toHaveBeenCalledWith({ phoneNumber: '02787654321' })
    await userEvent.click(within(details).getByRole('link', { name: '在地图中查看' }))
    const url = new URL(open.mock.calls[0][0] as string)
    expect(url.origin + url.pathname).toBe('https://uri.amap.com/marker')
    expect(url.searchParams.get('position')).toBe('114.25,30.61')
    expect(url.searchParams.get('name')).toBe('阳光小区3栋')
  })

  it('calls a point from the list without opening it, in English too', async () => {
    useLocale.getState().setLocale('en')
    const call = jest.spyOn(Taro, 'makePhoneCall').mockResolvedValue({ errMsg: 'makePhoneCall:ok' })
    fakeApi({ 'GET /pickup-points': { body: { pickupPoints: [pointA] } } })
    render(<PickupPointsPage />)
    await userEvent.click(await screen.findByRole('link', { name: 'Call 13800000000' }))
    expect(call).toHaveBeenCalledWith({ phoneNumber: '13800000000' })
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('a WeChat ID as contact is shown, not dialled', async () => {
    fakeApi({ 'GET /pickup-points': { body: { pickupPoints: [{ ...pointA, contact: 'wx_wang_ayi' }] } } })
    render(<PickupPointsPage />)
    expect(await screen.findByText('wx_wang_ayi')).toBeInTheDocument()
    expect(screen.queryByRole('link', { name: /拨打电话/ })).toBeNull()
  })
})

describe("the deal page's pickup points", () => {
  it("shows each point's phone; tapping it calls and does not choose the point", async () => {
    const call = jest.spyOn(Taro, 'makePhoneCall').mockResolvedValue({ errMsg: 'makePhoneCall:ok' })
    const onSelect = jest.fn()
    render(<PickupPointList points={[pointA, pointB]} from={null} selectedId='pp-a' onSelect={onSelect} />)
    const [, second] = screen.getAllByRole('radio')
    await userEvent.click(within(second).getByRole('link', { name: '拨打电话 13800000000' }))
    expect(call).toHaveBeenCalledWith({ phoneNumber: '13800000000' })
    expect(onSelect).not.toHaveBeenCalled()
    await userEvent.click(within(second).getByText('阳光小区3栋'))
    expect(onSelect).toHaveBeenCalledWith('pp-b')
  })
})

describe('which contacts are numbers to dial', () => {
  it.each([
    ['13800000000', '13800000000'],
    ['138 0000 1111', '13800001111'],
    ['+86 138-0000-1111', '+8613800001111'],
    ['027-8765 4321', '02787654321'],
    ['wx_wang_ayi', null],
    ['王阿姨', null],
    ['1234', null],
  ])('%s -> %s', (contact, number) => {
    expect(dialNumber(contact)).toBe(number)
  })
})

import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import MePage from '@/pages/me/index'
import PickupPointsPage from '@/shopper/pages/pickup-points/index'
import { useLocation } from '@/stores/location'
import { useSession } from '@/stores/session'
import { fakeApi } from './support/fake-api'
import { pointA, pointB, shopper } from './support/fixtures'

describe('the me page', () => {
  it('signs a shopper in with a demo account and shows how many friends joined through them', async () => {
    fakeApi({
      'GET /dev/users': { body: { users: [shopper] } },
      'POST /auth/dev-login': { body: { token: 'tok-mei', user: shopper } },
      'GET /me/invites': { body: { invites: [{ dealId: 'd-orange', dealTitle: '赣南脐橙 现摘现发', friends: 3 }] } },
    })
    render(<MePage />)
    expect(screen.getByText('未登录')).toBeInTheDocument()

    await userEvent.click(screen.getByRole('button', { name: '登录 / 注册' }))
    await userEvent.click(await screen.findByText('小梅'))

    expect(await screen.findByText('3位好友已参团')).toBeInTheDocument()
    expect(screen.getByText('赣南脐橙 现摘现发')).toBeInTheDocument()
    expect(screen.getByText('邻居')).toBeInTheDocument()
  })

  it('explains that demo sign-in is off where the server does not offer it', async () => {
    fakeApi({ 'GET /dev/users': { status: 404, body: { error: { code: 'NOT_FOUND', message: 'Not Found' } } } })
    render(<MePage />)
    await userEvent.click(screen.getByRole('button', { name: '登录 / 注册' }))
    expect(await screen.findByText('此环境未开放体验登录，请在微信中打开邻里团')).toBeInTheDocument()
    expect(screen.queryByText('以新邻居身份体验')).not.toBeInTheDocument()
  })

  it('signs out after confirming', async () => {
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    fakeApi({ 'GET /me/invites': { body: { invites: [] } } })
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' } as never)
    render(<MePage />)
    await userEvent.click(screen.getByRole('button', { name: '退出登录' }))
    expect(await screen.findByText('未登录')).toBeInTheDocument()
    expect(useSession.getState().token).toBeNull()
  })
})

describe('the pickup points page', () => {
  it('lists points nearest first with distance, address and hours', async () => {
    useLocation.setState({ status: 'granted', coords: { lat: 30.5, lng: 114.3 } })
    const calls = fakeApi({ 'GET /pickup-points': { body: { pickupPoints: [pointA, pointB] } } })
    render(<PickupPointsPage />)
    expect(await screen.findByText('幸福里便利店')).toBeInTheDocument()
    expect(screen.getAllByText(/幸福里便利店|阳光小区3栋/).map((n) => n.textContent)).toEqual(['幸福里便利店', '阳光小区3栋'])
    expect(screen.getByText('1.2km')).toBeInTheDocument()
    expect(screen.getByText('营业 09:00-20:00')).toBeInTheDocument()
    // the contact is a number to call
    expect(screen.getAllByRole('link', { name: '拨打电话 13800000000' })).toHaveLength(2)
    expect(calls[0].query).toEqual({ lat: '30.5', lng: '114.3' })
  })

  it('says the order is not by distance when location is off', async () => {
    fakeApi({ 'GET /pickup-points': { body: { pickupPoints: [pointB] } } })
    render(<PickupPointsPage />)
    expect(await screen.findByText('未获取到你的位置，按默认顺序显示')).toBeInTheDocument()
  })
})

import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import MePage from '@/pages/me/index'
import { useSession } from '@/stores/session'
import { fakeApi } from './support/fake-api'
import { shopper } from './support/fixtures'

// The H5 demo-user picker follows the server, whatever the build: `npm start` serves a production
// build with dev login on; a production server answers 404 and never offers it.
describe('signing in on H5', () => {
  const flag = process.env.TARO_APP_DEV_LOGIN
  beforeEach(() => {
    process.env.TARO_APP_DEV_LOGIN = 'false' // as in .env.production
  })
  afterEach(() => {
    process.env.TARO_APP_DEV_LOGIN = flag
  })

  it('offers the demo users when the server has dev login on', async () => {
    fakeApi({
      'GET /dev/users': { body: { users: [shopper] } },
      'POST /auth/dev-login': { body: { token: 'tok-mei', user: shopper } },
    })
    const user = userEvent.setup()
    render(<MePage />)
    await user.click(screen.getByRole('button', { name: '登录 / 注册' }))
    await user.click(await screen.findByText('小梅'))
    await waitFor(() => expect(useSession.getState().token).toBe('tok-mei'))
  })

  it('offers no picker when the server has dev login off, and says to open WeChat', async () => {
    const calls = fakeApi({}) // GET /dev/users answers 404
    const toast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' } as never)
    render(<MePage />)
    await userEvent.click(screen.getByRole('button', { name: '登录 / 注册' }))
    await waitFor(() => expect(toast).toHaveBeenCalledWith({ title: '此环境未开放体验登录，请在微信中打开邻里团', icon: 'none' }))
    expect(screen.queryByText('选择体验账号')).not.toBeInTheDocument()
    expect(calls.some((c) => c.path === '/auth/dev-login')).toBe(false)
  })
})

// The leader shares a deal from its dashboard, only while neighbours can still join it.
import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import DealDashboardPage from '@/leader/pages/deal/index'
import { useLocale } from '@/i18n'
import { useSession } from '@/stores/session'
import type { DealDetail } from '../../types/api'
import { fakeApi } from './support/fake-api'
import { dealDetail } from './support/fixtures'

type ShareHook = () => { title?: string; path?: string }
const pageHooks = (Taro as unknown as { __pageHooks: { shareAppMessage: ShareHook[] } }).__pageHooks

beforeEach(() => {
  useSession.getState().signIn({
    token: 'leader-token',
    user: { id: 'u-leader', handle: 'wang', nickname: '王阿姨', avatarUrl: null, roles: ['shopper', 'leader'], commissionBps: 500 },
  })
  Current.router = { params: { id: 'd-orange' }, path: '/leader/pages/deal/index' } as never
})
afterEach(() => useLocale.getState().reset())

function dashboard(deal: DealDetail) {
  fakeApi({ 'GET /leader/deals/:id': { body: { deal } }, 'GET /leader/deals/:id/orders': { body: { orders: [] } } })
  render(<DealDashboardPage />)
}

const OPEN = { cutoffAt: '2099-01-01T00:00:00.000Z' }

describe("sharing a deal from the leader's dashboard", () => {
  it('while joinable: a share button; in a browser it copies the deal link with the price', async () => {
    const copy = jest.spyOn(Taro, 'setClipboardData').mockResolvedValue({ errMsg: 'ok' } as never)
    const toast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' })
    dashboard(dealDetail(OPEN))
    expect(await screen.findByText('还没有人参团，把团购分享到小区群吧')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: '分享到小区群' }))
    await waitFor(() => expect(copy).toHaveBeenCalled())
    const text = (copy.mock.calls[0][0] as { data: string }).data
    expect(text).toContain('¥9.90 起拼「赣南脐橙 现摘现发」')
    expect(text).toContain('/pages/deal/index?id=d-orange')
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '链接已复制，粘贴到小区群吧' }))
  })

  it("in WeChat, the share card opens the deal's page for the neighbours", async () => {
    dashboard(dealDetail(OPEN))
    expect(await screen.findByRole('button', { name: '分享到小区群' })).toBeInTheDocument()
    expect(pageHooks.shareAppMessage.at(-1)!()).toEqual({
      title: '¥9.90 起拼「赣南脐橙 现摘现发」，邻居一起买更便宜',
      path: '/pages/deal/index?id=d-orange',
    })
  })

  it.each<[string, Partial<DealDetail>]>([
    ['sold out', { ...OPEN, stockUnits: 4, soldUnits: 4 }],
    ['past its cutoff', { cutoffAt: '2020-01-01T00:00:00.000Z' }],
    ['succeeded', { status: 'succeeded' }],
    ['cancelled', { status: 'cancelled' }],
    ['failed', { status: 'failed' }],
  ])('no share button when the deal is %s', async (_state, over) => {
    dashboard(dealDetail(over))
    expect(await screen.findByText('赣南脐橙 现摘现发')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '分享到小区群' })).toBeNull()
  })

  it('in English', async () => {
    useLocale.getState().setLocale('en')
    dashboard(dealDetail(OPEN))
    expect(await screen.findByRole('button', { name: 'Share to the neighbourhood chat' })).toBeInTheDocument()
  })
})

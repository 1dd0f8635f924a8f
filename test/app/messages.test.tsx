import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import MessagesPage from '@/pages/messages/index'
import MePage from '@/pages/me/index'
import { useSession } from '@/stores/session'
import type { Message } from '../../types/api'
import { fakeApi } from './support/fake-api'
import { shopper } from './support/fixtures'

const message = (over: Partial<Message>): Message => ({
  id: 'm-1',
  kind: 'deal_succeeded',
  title: '拼团成功',
  body: '赣南脐橙 现摘现发 已成团，到货后凭提货码自提',
  dealId: 'd-orange',
  orderId: 'o-1',
  createdAt: '2026-11-26T02:00:00.000Z',
  read: false,
  ...over,
})

const inbox = [
  message({ id: 'm-2', kind: 'goods_arrived', title: '到货通知', body: '幸福里便利店已到货，请尽快提货', createdAt: '2026-11-27T08:30:00.000Z' }),
  message({ id: 'm-1' }),
  message({ id: 'm-0', kind: 'deal_failed', title: '未成团', body: '已全额退款', orderId: null, read: true, createdAt: '2026-11-20T12:05:00.000Z' }),
]

describe('the messages page', () => {
  beforeEach(() => useSession.getState().signIn({ token: 'tok-mei', user: shopper }))

  it('lists the messages newest first with Shanghai times and unread dots, and marks them read on open', async () => {
    let read = false
    const calls = fakeApi({
      'GET /me/messages': () => ({ body: { messages: inbox.map((m) => (read ? { ...m, read: true } : m)), unread: read ? 0 : 2 } }),
      'POST /me/messages/read': () => {
        read = true
        return { body: { messages: inbox.map((m) => ({ ...m, read: true })), unread: 0 } }
      },
    })
    render(<MessagesPage />)
    const items = within(await screen.findByRole('list', { name: '消息' })).getAllByRole('listitem')
    expect(items.map((i) => i.querySelector('.messages__title')?.textContent)).toEqual(['到货通知', '拼团成功', '未成团'])
    expect(within(items[0]).getByText('幸福里便利店已到货，请尽快提货')).toBeInTheDocument()
    // 08:30 UTC is 16:30 in Shanghai; 12:05 UTC on the 20th is 20:05
    expect(within(items[0]).getByText('11月27日 16:30')).toBeInTheDocument()
    expect(within(items[2]).getByText('11月20日 20:05')).toBeInTheDocument()
    // the dots show what was new when the page opened
    expect(within(items[0]).getByLabelText('未读')).toBeInTheDocument()
    expect(within(items[1]).getByLabelText('未读')).toBeInTheDocument()
    expect(within(items[2]).queryByLabelText('未读')).not.toBeInTheDocument()
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/me/messages/read')).toBe(true))
  })

  it('opens the order a message is about', async () => {
    fakeApi({ 'GET /me/messages': { body: { messages: inbox, unread: 0 } } })
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never)
    render(<MessagesPage />)
    await userEvent.click(await screen.findByText('到货通知'))
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/order/index?id=o-1' })
    await userEvent.click(screen.getByText('未成团'))
    expect(navigate).toHaveBeenLastCalledWith({ url: '/pages/deal/index?id=d-orange' })
  })

  it('does not mark anything when all is read already, and says so when there is nothing', async () => {
    const calls = fakeApi({ 'GET /me/messages': { body: { messages: [], unread: 0 } } })
    render(<MessagesPage />)
    expect(await screen.findByText('还没有消息')).toBeInTheDocument()
    expect(calls.some((c) => c.path === '/me/messages/read')).toBe(false)
  })
})

describe('the Me page', () => {
  it('shows how many messages are unread and opens the list', async () => {
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    fakeApi({
      'GET /me/invites': { body: { invites: [] } },
      'GET /me/messages': { body: { messages: inbox, unread: 2 } },
    })
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never)
    render(<MePage />)
    const entry = await screen.findByRole('link', { name: '消息通知 2条未读' })
    expect(within(entry).getByText('2')).toBeInTheDocument()
    await userEvent.click(entry)
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/messages/index' })
  })

  it('shows no count when signed out', async () => {
    fakeApi({})
    render(<MePage />)
    expect(await screen.findByRole('link', { name: '消息通知' })).toBeInTheDocument()
  })
})

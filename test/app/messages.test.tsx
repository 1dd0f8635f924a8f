import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import MessagesPage from '@/shopper/pages/messages/index'
import { useLocale } from '@/i18n'
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
  facts: null,
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
    expect(navigate).toHaveBeenCalledWith({ url: '/shopper/pages/order/index?id=o-1' })
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

describe('the messages page in English', () => {
  beforeEach(() => useLocale.getState().setLocale('en'))
  afterEach(() => {
    cleanup() // before the language changes back under a still-mounted page
    useLocale.getState().reset()
  })

  it('asks a signed-out shopper to sign in, in English', async () => {
    fakeApi({ 'GET /dev/users': { body: { users: [shopper] } } })
    render(<MessagesPage />)
    expect(await screen.findByText('Sign in to see your messages')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument()
    expect(screen.queryByText('登录后查看消息')).not.toBeInTheDocument()
  })

  it("says 'No messages yet' and what will show up there", async () => {
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    fakeApi({ 'GET /me/messages': { body: { messages: [], unread: 0 } } })
    render(<MessagesPage />)
    expect(await screen.findByText('No messages yet')).toBeInTheDocument()
    expect(screen.getByText('Your group buy updates will show up here')).toBeInTheDocument()
    expect(screen.queryByText('还没有消息')).not.toBeInTheDocument()
  })

  it("titles a 成团 message 'Group buy succeeded' at 'Nov 27 16:00', keeps the server's body, and falls back to the server's title for a kind it does not know", async () => {
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    const body = '「赣南脐橙 现摘现发」已成团，成交价 ¥17.60。提货时间 11月28日 16:00-20:00，自提点：幸福里便利店'
    fakeApi({
      'GET /me/messages': {
        body: {
          messages: [
            message({
              id: 'm-9',
              kind: 'coupon_sent' as Message['kind'],
              title: '优惠券到账',
              body: '送你一张券',
              read: true,
              createdAt: '2026-11-28T01:00:00.000Z',
            }),
            message({ id: 'm-4', kind: 'pickup_reminder', title: '提货提醒', read: true, createdAt: '2026-11-28T11:00:00.000Z' }),
            message({ id: 'm-3', kind: 'goods_arrived', title: '到货啦，可以提货了', read: true, createdAt: '2026-11-28T08:10:00.000Z' }),
            message({
              id: 'm-2',
              kind: 'deal_failed',
              title: '团购已取消，已退款',
              orderId: null,
              read: true,
              createdAt: '2026-11-27T09:00:00.000Z',
            }),
            message({ id: 'm-1', body, createdAt: '2026-11-27T08:00:00.000Z' }),
          ],
          unread: 1,
        },
      },
      'POST /me/messages/read': { body: { messages: [], unread: 0 } },
    })
    render(<MessagesPage />)

    const items = within(await screen.findByRole('list', { name: 'Messages' })).getAllByRole('listitem')
    expect(items.map((i) => i.querySelector('.messages__title')?.textContent)).toEqual([
      '优惠券到账',
      'Pickup reminder',
      'Arrived, ready for pickup',
      'Group buy called off, refunded',
      'Group buy succeeded',
    ])
    const succeeded = items[4]
    expect(within(succeeded).getByText('Nov 27 16:00')).toBeInTheDocument()
    expect(within(succeeded).getByText(body)).toBeInTheDocument()
    expect(within(succeeded).getByLabelText('Unread')).toBeInTheDocument()
    expect(within(items[0]).getByText('Nov 28 09:00')).toBeInTheDocument()
    expect(within(items[0]).getByText('送你一张券')).toBeInTheDocument()
    // every time in English, Shanghai time (the body keeps the server's Chinese date)
    expect(items.map((i) => i.querySelector('.messages__time')?.textContent)).toEqual([
      'Nov 28 09:00',
      'Nov 28 19:00',
      'Nov 28 16:10',
      'Nov 27 17:00',
      'Nov 27 16:00',
    ])
  })
})

describe('the messages page in English, told from what each message is about', () => {
  beforeEach(() => useLocale.getState().setLocale('en'))
  afterEach(() => {
    cleanup()
    useLocale.getState().setLocale('zh-CN')
  })

  const facts = {
    deal: '赣南脐橙 现摘现发',
    point: '幸福里便利店',
    amountFen: null,
    refundFen: null,
    pickupStart: '2026-11-28T08:00:00.000Z',
    pickupEnd: '2026-11-28T12:00:00.000Z',
    reason: null,
  }

  it('says what went through, what was refunded, what arrived and what is waiting, in English', async () => {
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    fakeApi({
      'GET /me/messages': {
        body: {
          messages: [
            message({ id: 'm-4', kind: 'pickup_reminder', title: '提货提醒', facts, read: true }),
            message({ id: 'm-3', kind: 'goods_arrived', title: '到货啦，可以提货了', facts, read: true }),
            message({
              id: 'm-2',
              kind: 'deal_failed',
              title: '团购已取消，已退款',
              facts: { ...facts, amountFen: 3980, reason: 'deal_cancelled' },
              read: true,
            }),
            message({ id: 'm-1', kind: 'deal_succeeded', facts: { ...facts, amountFen: 1760, refundFen: 220 }, read: true }),
            message({ id: 'm-0', kind: 'deal_succeeded', body: '旧消息：已成团', facts: null, read: true }),
          ],
          unread: 0,
        },
      },
    })
    render(<MessagesPage />)

    const items = within(await screen.findByRole('list', { name: 'Messages' })).getAllByRole('listitem')
    const text = (i: HTMLElement, part: string) => i.querySelector(`.messages__${part}`)?.textContent
    expect(text(items[0], 'body')).toBe('“赣南脐橙 现摘现发” is still waiting for you at 幸福里便利店, until Nov 28 20:00. Don’t forget it!')
    expect(text(items[1], 'body')).toBe('“赣南脐橙 现摘现发” has arrived at 幸福里便利店. Pick it up with your code by Nov 28 20:00.')
    expect(text(items[2], 'title')).toBe('Group buy cancelled, refunded')
    expect(text(items[2], 'body')).toBe('“赣南脐橙 现摘现发” was called off by the leader: ¥39.80 refunded in full, on its way back.')
    expect(text(items[3], 'body')).toBe(
      '“赣南脐橙 现摘现发” went through at ¥17.60, and ¥2.20 of the difference is on its way back. Pick up Nov 28 16:00-20:00 at 幸福里便利店.',
    )
    // a message written before facts were kept still reads as it was written
    expect(text(items[4], 'body')).toBe('旧消息：已成团')
  })

  it('in Chinese, the same messages read exactly as the server wrote them', async () => {
    useLocale.getState().setLocale('zh-CN')
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    fakeApi({
      'GET /me/messages': {
        body: {
          messages: [
            message({
              id: 'm-2',
              kind: 'deal_failed',
              title: '团购已取消，已退款',
              body: '「赣南脐橙」团长取消了团购',
              facts: { ...facts, amountFen: 3980, reason: 'deal_cancelled' },
              read: true,
            }),
          ],
          unread: 0,
        },
      },
    })
    render(<MessagesPage />)
    const [item] = within(await screen.findByRole('list', { name: '消息' })).getAllByRole('listitem')
    expect(item.querySelector('.messages__title')?.textContent).toBe('团购已取消，已退款')
    expect(item.querySelector('.messages__body')?.textContent).toBe('「赣南脐橙」团长取消了团购')
  })
})

describe('the messages page in Chinese', () => {
  it("shows the server's own title, even where English would say one title for two cases", async () => {
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    fakeApi({
      'GET /me/messages': {
        body: {
          messages: [
            message({
              id: 'm-2',
              kind: 'deal_failed',
              title: '团购已取消，已退款',
              body: '团长取消了团购，已全额退款 ¥19.80',
              createdAt: '2026-11-27T08:00:00.000Z',
            }),
          ],
          unread: 1,
        },
      },
      'POST /me/messages/read': { body: { messages: [], unread: 0 } },
    })
    render(<MessagesPage />)
    const item = within(await screen.findByRole('list', { name: '消息' })).getByRole('listitem')
    expect(within(item).getByText('团购已取消，已退款')).toBeInTheDocument()
    expect(within(item).getByText('11月27日 16:00')).toBeInTheDocument()
    expect(within(item).getByLabelText('未读')).toBeInTheDocument()
    expect(screen.queryByText(/Group buy/)).not.toBeInTheDocument()
  })

  it('asks a signed-out shopper to sign in', async () => {
    fakeApi({ 'GET /dev/users': { body: { users: [shopper] } } })
    render(<MessagesPage />)
    expect(await screen.findByText('登录后查看消息')).toBeInTheDocument()
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
    expect(navigate).toHaveBeenCalledWith({ url: '/shopper/pages/messages/index' })
  })

  it('shows no count when signed out', async () => {
    fakeApi({})
    render(<MePage />)
    expect(await screen.findByRole('link', { name: '消息通知' })).toBeInTheDocument()
  })
})

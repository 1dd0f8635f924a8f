// The answer to a leader application in the applicant's Messages, in both languages, and where it leads.
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import MessagesPage from '@/shopper/pages/messages/index'
import { useLocale } from '@/i18n'
import { useSession } from '@/stores/session'
import type { Message } from '../../types/api'
import { fakeApi } from './support/fake-api'
import { shopper } from './support/fixtures'

const facts = { deal: '', point: '幸福里便利店', amountFen: null, refundFen: null, pickupStart: null, pickupEnd: null, reason: null }
const approved: Message = {
  id: 'm-ok',
  kind: 'leader_application_approved',
  title: '团长申请已通过',
  body: '恭喜，你已成为团长，自提点「幸福里便利店」已开通。去团长工作台发布第一个团购吧',
  facts,
  dealId: null,
  orderId: null,
  createdAt: '2026-11-27T02:00:00.000Z',
  read: false,
}
const refused: Message = {
  id: 'm-no',
  kind: 'leader_application_rejected',
  title: '团长申请未通过',
  body: '你的团长申请未通过：请补充门牌号。可以修改后重新申请',
  facts: { ...facts, note: '请补充门牌号' },
  dealId: null,
  orderId: null,
  createdAt: '2026-11-26T02:00:00.000Z',
  read: true,
}

beforeEach(() => {
  useSession.getState().signIn({ token: 'tok-mei', user: shopper })
  fakeApi({
    'GET /me/messages': { body: { messages: [approved, refused], unread: 1 } },
    'POST /me/messages/read': { body: { messages: [approved, refused], unread: 0 } },
  })
})
afterEach(() => useLocale.getState().reset())

describe("a leader application's answer in Messages", () => {
  it('says approved or refused with the reason, and opens the console or the application form', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    render(<MessagesPage />)
    const [first, second] = within(await screen.findByRole('list', { name: '消息' })).getAllByRole('listitem')
    expect(first).toHaveTextContent('团长申请已通过')
    expect(first).toHaveTextContent('自提点「幸福里便利店」已开通')
    expect(second).toHaveTextContent('团长申请未通过')
    expect(second).toHaveTextContent('请补充门牌号')
    await userEvent.click(first)
    expect(navigate).toHaveBeenLastCalledWith({ url: '/leader/pages/home/index' })
    await userEvent.click(second)
    expect(navigate).toHaveBeenLastCalledWith({ url: '/leader/pages/apply/index' })
  })

  it('reads in English, the admin reason as written', async () => {
    useLocale.getState().setLocale('en')
    render(<MessagesPage />)
    const [first, second] = within(await screen.findByRole('list')).getAllByRole('listitem')
    expect(first).toHaveTextContent('You are now a leader')
    expect(first).toHaveTextContent('your pickup point “幸福里便利店” is open')
    expect(second).toHaveTextContent('Leader application not approved')
    expect(second).toHaveTextContent('Your leader application was not approved: 请补充门牌号. You can change it and apply again')
    expect(second).not.toHaveTextContent('团长申请')
  })
})

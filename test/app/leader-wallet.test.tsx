import { fireEvent, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import WalletPage from '@/leader/pages/wallet/index'
import { useLocale } from '@/i18n'
import { useSession } from '@/stores/session'
import type { Payout, Wallet, WalletEntry } from '../../types/api'
import { fakeApi } from './support/fake-api'

/** What Taro's Input hears when she types (its own input event). */
function type(element: HTMLElement, value: string) {
  fireEvent(element, new CustomEvent('input', { detail: { value, cursor: value.length }, bubbles: true }))
}
const amountBox = () => screen.findByLabelText('提现金额（元）')

const entry = (over: Partial<WalletEntry>): WalletEntry => ({
  id: `e-${Math.random()}`,
  kind: 'commission',
  amountFen: 864,
  memo: '',
  orderId: 'o1',
  dealId: 'd1',
  dealTitle: '赣南脐橙 5斤装',
  payoutId: null,
  createdAt: '2026-11-20T04:00:00.000Z',
  availableAt: '2026-11-27T04:00:00.000Z',
  pending: false,
  ...over,
})

const payout = (over: Partial<Payout>): Payout => ({
  id: 'p1',
  billNo: 'B0001',
  ownerKind: 'leader',
  amountFen: 5_000,
  status: 'requested',
  provider: 'sandbox',
  providerState: null,
  failReason: null,
  refuseReason: null,
  requestedAt: '2026-11-28T02:00:00.000Z',
  reviewedAt: null,
  sentAt: null,
  finishedAt: null,
  confirm: null,
  ...over,
})

const wallet = (over: Partial<Wallet> = {}): Wallet => ({
  ownerKind: 'leader',
  balanceFen: 10_640,
  pendingFen: 2_000,
  withdrawableFen: 8_640,
  inFlightFen: 0,
  paidOutFen: 0,
  minPayoutFen: 1_000,
  dailyCapFen: 500_000,
  todayRequestedFen: 0,
  suspended: false,
  provider: 'sandbox',
  entries: [
    entry({ id: 'e-held', amountFen: 2_000, pending: true, availableAt: '2026-12-05T04:00:00.000Z', dealTitle: '安吉白茶' }),
    entry({ id: 'e-old', amountFen: 8_640 }),
  ],
  payouts: [],
  ...over,
})

beforeEach(() => {
  useSession.getState().signIn({
    token: 'leader-token',
    user: { id: 'u-leader', handle: 'wang', nickname: '王阿姨', avatarUrl: null, roles: ['shopper', 'leader'], commissionBps: 500 },
  })
  Current.router = { params: {}, path: '/leader/pages/wallet/index' } as never
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})

describe("a leader's wallet", () => {
  it('shows what she may withdraw now, what is still held (and until when), and each entry with what it was for', async () => {
    fakeApi({ 'GET /leader/wallet': { body: { ...wallet(), paidOutFen: 3_000 } } })
    render(<WalletPage />)
    expect(await screen.findByText('¥86.40')).toBeInTheDocument()
    expect(screen.getByText('账户余额 ¥106.40')).toBeInTheDocument()
    expect(screen.getByText('待解冻').previousSibling).toHaveTextContent('¥20.00')
    expect(screen.getByText('已提现').previousSibling).toHaveTextContent('¥30.00')
    const entries = screen.getByRole('group', { name: '收支明细' })
    expect(within(entries).getByText('佣金 · 安吉白茶')).toBeInTheDocument()
    expect(within(entries).getByText(/起可提现/)).toBeInTheDocument()
    expect(within(entries).getByText('+¥86.40')).toBeInTheDocument()
    // the limits are there before she types
    expect(screen.getByText('单笔至少 ¥10.00，每天最多 ¥5000.00，今天还可提 ¥5000.00')).toBeInTheDocument()
    expect(screen.getByText('演示环境：审核通过后立即到账，不会真的转账')).toBeInTheDocument()
  })

  it('withdrawing sends the amount in fen with an Idempotency-Key, then shows it awaiting review', async () => {
    let current = wallet()
    const calls = fakeApi({
      'GET /leader/wallet': () => ({ body: current }),
      'POST /leader/payouts': (req) => {
        current = { ...current, withdrawableFen: 3_640, balanceFen: 5_640, inFlightFen: 5_000, payouts: [payout({ amountFen: req.body.amountFen })] }
        return { status: 201, body: { payout: current.payouts[0] } }
      },
    })
    render(<WalletPage />)
    type(await amountBox(), '50')
    await userEvent.click(screen.getByRole('button', { name: '申请提现' }))
    const payouts = screen.getByRole('group', { name: '提现记录' })
    expect(await within(payouts).findByText('待审核')).toBeInTheDocument()
    expect(within(payouts).getByText('¥50.00')).toBeInTheDocument()
    const post = calls.find((c) => c.method === 'POST')!
    expect(post.body).toEqual({ amountFen: 5_000 })
    expect(post.headers['Idempotency-Key']).toMatch(/.{8,}/)
    expect(screen.getByText('¥36.40')).toBeInTheDocument()
  })

  it('says in words why an amount cannot be withdrawn, before asking the server', async () => {
    const calls = fakeApi({ 'GET /leader/wallet': { body: wallet({ todayRequestedFen: 495_000, withdrawableFen: 8_640 }) } })
    render(<WalletPage />)
    const amount = await amountBox()
    const submit = screen.getByRole('button', { name: '申请提现' })
    type(amount, '9.99')
    await userEvent.click(submit)
    expect(screen.getByRole('alert')).toHaveTextContent('单笔提现至少 ¥10.00')
    type(amount, '86.41')
    await userEvent.click(submit)
    expect(screen.getByRole('alert')).toHaveTextContent('可提现余额只有 ¥86.40')
    type(amount, '60')
    await userEvent.click(submit)
    expect(screen.getByRole('alert')).toHaveTextContent('今天还能提现 ¥50.00')
    type(amount, '五十')
    await userEvent.click(submit)
    expect(screen.getByRole('alert')).toHaveTextContent('请输入金额')
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0)
  })

  it("the server's refusal (the balance moved meanwhile) reads in the same words", async () => {
    fakeApi({
      'GET /leader/wallet': { body: wallet() },
      'POST /leader/payouts': {
        status: 409,
        body: { error: { code: 'PAYOUT_OVER_BALANCE', message: '可提现余额只有 ¥0.00', params: { withdrawableFen: 0 } } },
      },
    })
    render(<WalletPage />)
    await userEvent.click(await screen.findByRole('button', { name: '全部' }))
    expect(await amountBox()).toHaveAttribute('value', '86.40')
    await userEvent.click(screen.getByRole('button', { name: '申请提现' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('可提现余额只有 ¥0.00')
  })

  it('each withdrawal shows where it is: paid, refused with the reason, failed and given back', async () => {
    fakeApi({
      'GET /leader/wallet': {
        body: wallet({
          payouts: [
            payout({ id: 'p3', status: 'failed', failReason: 'PAYEE_ACCOUNT_ABNORMAL', amountFen: 1_200 }),
            payout({ id: 'p2', status: 'refused', refuseReason: '收款人信息有误', amountFen: 2_000 }),
            payout({ id: 'p1', status: 'succeeded', finishedAt: '2026-11-28T03:00:00.000Z', amountFen: 3_000 }),
          ],
        }),
      },
    })
    render(<WalletPage />)
    const paid = await screen.findByRole('group', { name: '¥30.00' })
    expect(within(paid).getByText('已到账')).toBeInTheDocument()
    expect(within(paid).getByText(/到账微信零钱/)).toBeInTheDocument()
    const refused = screen.getByRole('group', { name: '¥20.00' })
    expect(within(refused).getByText('未通过')).toBeInTheDocument()
    expect(within(refused).getByText('原因：收款人信息有误')).toBeInTheDocument()
    expect(within(refused).getByText('金额已退回可提现余额')).toBeInTheDocument()
    expect(within(screen.getByRole('group', { name: '¥12.00' })).getByText('未成功')).toBeInTheDocument()
  })

  it('in a browser, a transfer waiting for her confirmation says to confirm in WeChat', async () => {
    fakeApi({
      'GET /leader/wallet': {
        body: wallet({
          provider: 'wechatpay',
          payouts: [payout({ status: 'wait_user_confirm', provider: 'wechatpay', confirm: { mchId: '1900000109', appId: 'wx1', package: 'pkg' } })],
        }),
      },
    })
    render(<WalletPage />)
    expect(await screen.findByText('待确认收款')).toBeInTheDocument()
    expect(screen.getByText(/请在微信中打开邻里团小程序的钱包/)).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '确认收款' })).not.toBeInTheDocument()
  })

  it('a suspended leader is told, and cannot ask', async () => {
    fakeApi({ 'GET /leader/wallet': { body: wallet({ suspended: true }) } })
    render(<WalletPage />)
    expect(await screen.findByText('账号已被平台暂停，暂不能提现')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '申请提现' })).toBeDisabled()
  })

  it('with nothing withdrawable yet (all still held) there is nothing to fill in or send', async () => {
    fakeApi({ 'GET /leader/wallet': { body: wallet({ withdrawableFen: 0, balanceFen: 2_000 }) } })
    render(<WalletPage />)
    expect(await amountBox()).toHaveAttribute('placeholder', '暂无可提现金额')
    expect(screen.queryByRole('button', { name: '全部' })).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: '申请提现' })).toBeDisabled()
  })

  it("?owner=supplier shows the supplier's wallet", async () => {
    Current.router = { params: { owner: 'supplier' }, path: '/leader/pages/wallet/index' } as never
    const calls = fakeApi({ 'GET /supplier/wallet': { body: wallet({ ownerKind: 'supplier', withdrawableFen: 120_000, entries: [] }) } })
    render(<WalletPage />)
    expect(await screen.findByText('¥1200.00')).toBeInTheDocument()
    expect(calls.map((c) => c.path)).toContain('/supplier/wallet')
  })

  it('reads in English', async () => {
    useLocale.getState().setLocale('en')
    fakeApi({ 'GET /leader/wallet': { body: wallet() } })
    render(<WalletPage />)
    expect(await screen.findByText('Withdrawable')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Ask to withdraw' })).toBeInTheDocument()
    useLocale.getState().setLocale('zh-CN')
  })
})

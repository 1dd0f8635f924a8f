import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import type { AdminOverview, AdminPayout, AdminRefund, User } from '../../types/api'
import { useLocale } from '@/i18n'
import AdminHomePage from '@/admin/pages/home/index'
import AdminOrdersPage from '@/admin/pages/orders/index'
import AdminRefundsPage from '@/admin/pages/refunds/index'
import AdminPayoutsPage from '@/admin/pages/payouts/index'
import AdminDealsPage from '@/admin/pages/deals/index'
import AdminPeoplePage from '@/admin/pages/people/index'
import { useSession } from '@/stores/session'
import { fakeApi } from './support/fake-api'

const operator: User = { id: 'u-ops', handle: 'ops', nickname: '运营小周', avatarUrl: null, roles: ['shopper', 'admin'], commissionBps: null }

function type(element: HTMLElement, value: string) {
  fireEvent(element, new CustomEvent('input', { detail: { value, cursor: value.length }, bubbles: true }))
}

const day = (d: string, orders: number, gmvFen: number, refundFen = 0) => ({
  day: d,
  orders,
  gmvFen,
  refundFen,
  refundRateBps: gmvFen ? Math.round((refundFen * 10000) / gmvFen) : 0,
})

const overview: AdminOverview = {
  today: day('2026-11-26', 12, 15360, 1280),
  days: [day('2026-11-24', 3, 3840), day('2026-11-25', 0, 0), day('2026-11-26', 12, 15360, 1280)],
  leaders: [{ id: 'u-wang', name: '王姐便利店', orders: 15, gmvFen: 19200, refundFen: 1280 }],
  suppliers: [{ id: 'sup-1', name: '丹东果蔬合作社', orders: 4, gmvFen: 5120, refundFen: 0 }],
  waiting: { leaderApplications: 2, supplierApplications: 0, escalations: 1, abnormalRefunds: 1, payouts: 3 },
  openDeals: 5,
}

beforeEach(() => {
  useSession.getState().signIn({ token: 'tok-ops', user: operator })
  Current.router = { params: {}, path: '/admin/pages/home/index', $taroPath: '', onReady: '', onHide: '', onShow: '' }
})
afterEach(() => {
  useLocale.getState().setLocale('zh-CN')
  jest.restoreAllMocks()
})

describe("the console's overview", () => {
  it("shows today's figures, what waits, the alerts and a bar per day", async () => {
    fakeApi({
      'GET /admin/overview': { body: overview },
      'GET /admin/alerts': { body: { alerts: [{ kind: 'reconciliation', count: 2, day: '2026-11-25' }] } },
    })
    render(<AdminHomePage />)
    const today = await screen.findByRole('region', { name: '今日' })
    expect(within(within(today).getByRole('group', { name: '订单' })).getByText('12')).toBeInTheDocument()
    expect(within(within(today).getByRole('group', { name: '成交额' })).getByText('¥153.60')).toBeInTheDocument()
    expect(within(within(today).getByRole('group', { name: '退款率' })).getByText('8.33%')).toBeInTheDocument()
    expect(await screen.findByText('2026-11-25 对账发现 2 处差异')).toBeInTheDocument()
    const waiting = screen.getByRole('region', { name: '待处理' })
    expect(within(waiting).getByText('待审提现')).toBeInTheDocument()
    const chart = screen.getByRole('figure', { name: '每日成交额' })
    expect(within(chart).getByLabelText('2026-11-26：¥153.60')).toBeInTheDocument()
    expect(screen.getByRole('region', { name: '团长（近 30 天）' })).toHaveTextContent('王姐便利店')
    expect(screen.getByRole('region', { name: '供货商（近 30 天）' })).toHaveTextContent('丹东果蔬合作社')
  })

  it('reads in English, and without the alerts endpoint shows no alerts', async () => {
    useLocale.getState().setLocale('en')
    fakeApi({ 'GET /admin/overview': { body: overview } })
    render(<AdminHomePage />)
    const today = await screen.findByRole('region', { name: 'Today' })
    expect(within(today).getByRole('group', { name: 'Sales' })).toHaveTextContent('¥153.60')
    expect(screen.queryByRole('region', { name: 'Alerts' })).not.toBeInTheDocument()
    expect(screen.getByRole('navigation', { name: 'Console navigation' })).toHaveTextContent('Reconciliation')
  })

  it('a shopper who opens it is told it is for operators', async () => {
    useSession.getState().signIn({ token: 'tok-mei', user: { ...operator, roles: ['shopper'] } })
    fakeApi({ 'GET /admin/overview': { status: 403, body: { error: { code: 'FORBIDDEN', message: '仅管理员可用' } } } })
    render(<AdminHomePage />)
    expect(await screen.findByText('仅运营人员可用')).toBeInTheDocument()
  })
})

describe('finding an order', () => {
  it('searches by pickup code and shows whose order it is and what matched', async () => {
    const calls = fakeApi({
      'GET /admin/orders': (req) => ({
        body: {
          orders: req.query.q
            ? [
                {
                  id: 'o-1',
                  dealId: 'd-1',
                  dealTitle: '丹东草莓 3盒装',
                  status: 'ready',
                  quantity: 2,
                  unitPriceFen: 1280,
                  paidFen: 2560,
                  refundFen: 580,
                  pickupCode: '123456',
                  shopper: { id: 'u-mei', nickname: '小梅', phoneTail: '5678' },
                  point: { id: 'p-1', name: '王姐便利店' },
                  leader: { id: 'u-wang', name: '王姐' },
                  createdAt: '2026-11-26T01:00:00.000Z',
                  paidAt: '2026-11-26T01:00:00.000Z',
                  pickedUpAt: null,
                  matchedBy: ['pickup_code'],
                },
              ]
            : [],
        },
      }),
    })
    render(<AdminOrdersPage />)
    await screen.findByText('最近的订单')
    type(screen.getByLabelText('搜索订单'), '123456')
    await userEvent.click(screen.getByRole('button', { name: '搜索' }))
    const row = await screen.findByRole('row', { name: '小梅 丹东草莓 3盒装' })
    expect(row).toHaveTextContent('尾号 5678')
    expect(row).toHaveTextContent('匹配：提货码')
    expect(row).toHaveTextContent('已退 ¥5.80')
    expect(row).toHaveTextContent('待提货')
    expect(screen.getByText('找到 1 个订单')).toBeInTheDocument()
    expect(calls.filter((c) => c.path === '/admin/orders').map((c) => c.query.q ?? '')).toEqual(['', '123456'])
  })
})

const refund = (over: Partial<AdminRefund>): AdminRefund => ({
  id: 'rf-1',
  orderId: 'o-1',
  dealId: 'd-1',
  dealTitle: '丹东草莓 3盒装',
  shopper: '小梅',
  amountFen: 1280,
  reason: 'after_sales',
  status: 'abnormal',
  attempts: 2,
  lastError: '用户银行卡已注销',
  providerRef: null,
  createdAt: '2026-11-26T01:00:00.000Z',
  nextAttemptAt: null,
  abnormal: true,
  retryable: true,
  ...over,
})

describe('refunds', () => {
  it('marks the abnormal one, filters to abnormal ones, and retries after a confirmation', async () => {
    let retried = false
    const calls = fakeApi({
      'GET /admin/refunds': (req) => ({
        body: {
          refunds:
            req.query.abnormal === 'true'
              ? [refund(retried ? { status: 'succeeded', abnormal: false, retryable: false } : {})]
              : [
                  refund({}),
                  refund({
                    id: 'rf-2',
                    shopper: '婷婷',
                    status: 'succeeded',
                    abnormal: false,
                    retryable: false,
                    reason: 'price_difference',
                    lastError: null,
                  }),
                ],
        },
      }),
      'POST /admin/refunds/rf-1/retry': () => {
        retried = true
        return { body: refund({ status: 'succeeded', abnormal: false, retryable: false }) }
      },
    })
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' } as never)
    render(<AdminRefundsPage />)
    const bad = await screen.findByRole('row', { name: '小梅 ¥12.80' })
    expect(bad).toHaveTextContent('退款异常')
    expect(bad).toHaveTextContent('错误：用户银行卡已注销')
    expect(screen.getByRole('row', { name: '婷婷 ¥12.80' })).toHaveTextContent('差价退款')
    await userEvent.click(screen.getByRole('radio', { name: '异常' }))
    await waitFor(() => expect(screen.queryByRole('row', { name: '婷婷 ¥12.80' })).not.toBeInTheDocument())
    await userEvent.click(within(screen.getByRole('row', { name: '小梅 ¥12.80' })).getByRole('button', { name: '重新发起' }))
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/admin/refunds/rf-1/retry')).toBe(true))
    expect(await screen.findByText('已退款')).toBeInTheDocument()
  })
})

const payout = (over: Partial<AdminPayout>): AdminPayout => ({
  id: 'po-1',
  billNo: 'PO20261126001',
  ownerKind: 'leader',
  amountFen: 12000,
  status: 'requested',
  provider: 'sandbox',
  providerState: null,
  failReason: null,
  refuseReason: null,
  requestedAt: '2026-11-26T01:00:00.000Z',
  reviewedAt: null,
  sentAt: null,
  finishedAt: null,
  confirm: null,
  owner: { kind: 'leader', id: 'u-wang', userId: 'u-wang', name: '王姐便利店', suspended: false, withdrawableFen: 15000 },
  reviewedBy: null,
  attempts: 0,
  lastError: null,
  ...over,
})

describe('payouts', () => {
  it("shows a refused payout's reason, and refuses only with one", async () => {
    const calls = fakeApi({
      'GET /admin/payouts': (req) => ({
        body: {
          payouts: req.query.status === 'refused' ? [payout({ id: 'po-2', status: 'refused', refuseReason: '银行卡信息不全' })] : [payout({})],
          requestedCount: 1,
          nextOffset: null,
        },
      }),
      'POST /admin/payouts/po-1/refuse': { body: { payout: payout({ status: 'refused', refuseReason: '核对中' }) } },
    })
    render(<AdminPayoutsPage />)
    const card = await screen.findByRole('group', { name: '王姐便利店 ¥120.00' })
    expect(card).toHaveTextContent('当前可提现 ¥150.00')
    await userEvent.click(within(card).getByRole('button', { name: '拒绝' }))
    await userEvent.click(within(card).getByRole('button', { name: '确认拒绝' }))
    expect(within(card).getByText('请写明拒绝原因')).toBeInTheDocument()
    type(within(card).getByLabelText('拒绝原因'), '核对中')
    await userEvent.click(within(card).getByRole('button', { name: '确认拒绝' }))
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ reason: '核对中' }))

    await userEvent.click(screen.getByRole('radio', { name: '已拒绝' }))
    expect(await screen.findByText('拒绝原因：银行卡信息不全')).toBeInTheDocument()
  })

  it("says the payouts are not live yet when PAYOUTS' endpoint is missing", async () => {
    fakeApi({})
    render(<AdminPayoutsPage />)
    expect(await screen.findByText('这部分功能还没有上线')).toBeInTheDocument()
  })
})

describe('deals and people', () => {
  it('filters deals by status and opens one', async () => {
    const calls = fakeApi({
      'GET /admin/deals': (req) => ({
        body: {
          deals: [
            {
              id: 'd-1',
              title: '丹东草莓 3盒装',
              status: req.query.status ?? 'open',
              leader: { id: 'u-wang', name: '王姐' },
              supplier: null,
              participants: 3,
              units: 4,
              orders: 3,
              gmvFen: 5120,
              refundFen: 0,
              listPriceFen: 1500,
              finalUnitPriceFen: null,
              commissionBps: null,
              cutoffAt: '2026-11-27T12:00:00.000Z',
              createdAt: '2026-11-25T12:00:00.000Z',
              settledAt: null,
            },
          ],
          total: 1,
          nextOffset: null,
        },
      }),
    })
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never)
    render(<AdminDealsPage />)
    expect(await screen.findByRole('row', { name: '丹东草莓 3盒装' })).toHaveTextContent('¥51.20')
    await userEvent.click(screen.getByRole('radio', { name: '已成团' }))
    await waitFor(() => expect(calls.at(-1)?.query.status).toBe('succeeded'))
    await userEvent.click(await screen.findByRole('row', { name: '丹东草莓 3盒装' }))
    expect(navigate).toHaveBeenCalledWith({ url: '/admin/pages/deal/index?id=d-1' })
  })

  it("changes a leader's rate and refuses a rate over 30%", async () => {
    const person = {
      id: 'u-wang',
      nickname: '王姐便利店',
      roles: ['shopper', 'leader'],
      phone: '13857210001',
      commissionBps: 500,
      suspendedAt: null,
      supplier: null,
      points: 1,
      deals: 4,
      openDeals: 1,
      createdAt: '2026-11-01T00:00:00.000Z',
    }
    const calls = fakeApi({
      'GET /admin/people': { body: { people: [person] } },
      'PATCH /admin/users/u-wang/commission': { body: { ...person, commissionBps: 650 } },
    })
    render(<AdminPeoplePage />)
    const card = await screen.findByRole('group', { name: '王姐便利店' })
    expect(card).toHaveTextContent('佣金 5%')
    await userEvent.click(within(card).getByRole('button', { name: '改佣金' }))
    type(within(card).getByLabelText('新的佣金比例（%）'), '45')
    await userEvent.click(within(card).getByRole('button', { name: '保存' }))
    expect(within(card).getByText('佣金比例填 0–30 之间的数字，如 5 或 6.5')).toBeInTheDocument()
    type(within(card).getByLabelText('新的佣金比例（%）'), '6.5')
    await userEvent.click(within(card).getByRole('button', { name: '保存' }))
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ commissionBps: 650 }))
  })
})

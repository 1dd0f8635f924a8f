import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import type { LeaderApplication, ReconciliationReport, User } from '../../types/api'
import { useLocale } from '@/i18n'
import AdminApplicationsPage from '@/admin/pages/applications/index'
import AdminReconciliationPage from '@/admin/pages/reconciliation/index'
import AdminAuditPage from '@/admin/pages/audit/index'
import { useSession } from '@/stores/session'
import { fakeApi } from './support/fake-api'

const operator: User = { id: 'u-ops', handle: 'ops', nickname: '运营小周', avatarUrl: null, roles: ['shopper', 'admin'], commissionBps: null }

function type(element: HTMLElement, value: string) {
  fireEvent(element, new CustomEvent('input', { detail: { value, cursor: value.length }, bubbles: true }))
}

const application: LeaderApplication = {
  id: 'app-1',
  userId: 'u-chen',
  nickname: '陈阿姨',
  name: '陈美华',
  community: '桂花苑',
  phone: '13912340000',
  pickupPoint: { name: '桂花苑北门', address: '桂花路9号', lat: 30.61, lng: 119.69, hours: '08:00-20:00', contact: '13912340000' },
  status: 'pending',
  rejectReason: null,
  commissionBps: null,
  pickupPointId: null,
  createdAt: '2026-11-26T01:00:00.000Z',
  reviewedAt: null,
}

beforeEach(() => {
  useSession.getState().signIn({ token: 'tok-ops', user: operator })
  Current.router = { params: {}, path: '/admin/pages/applications/index', $taroPath: '', onReady: '', onHide: '', onShow: '' }
})
afterEach(() => {
  useLocale.getState().setLocale('zh-CN')
  jest.restoreAllMocks()
})

describe('applications', () => {
  it('approves a leader at the rate typed, after a confirmation that says what happens', async () => {
    const calls = fakeApi({
      'GET /admin/leader-applications': { body: { applications: [application] } },
      'POST /admin/leader-applications/app-1/approve': { body: { ...application, status: 'approved', commissionBps: 650 } },
    })
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' } as never)
    render(<AdminApplicationsPage />)
    const card = await screen.findByRole('group', { name: '陈美华的申请' })
    expect(card).toHaveTextContent('手机 139****0000')
    type(within(card).getByLabelText('佣金比例'), '6.5')
    await userEvent.click(within(card).getByRole('button', { name: '通过' }))
    expect(modal.mock.calls[0][0]?.content).toBe('陈美华（桂花苑）成为团长，佣金 6.5%，并创建自提点「桂花苑北门」')
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ commissionBps: 650 }))
  })

  it("lists supplier applications from SUPPLIERS' endpoint, and says so when it is not there yet", async () => {
    fakeApi({ 'GET /admin/leader-applications': { body: { applications: [] } } })
    render(<AdminApplicationsPage />)
    await screen.findByText('没有申请')
    await userEvent.click(screen.getByRole('radio', { name: '供货商' }))
    expect(await screen.findByText('这部分功能还没有上线')).toBeInTheDocument()
  })
})

const report: ReconciliationReport = {
  day: '2026-11-25',
  statement: {
    day: '2026-11-25',
    paymentsInFen: 384000,
    refundsOutFen: 12800,
    commissionsFen: 18000,
    supplierPayablesFen: 200000,
    payoutsFen: 0,
    platformMarginFen: 153200,
    transactionCount: 42,
    balanced: true,
  },
  differences: [
    {
      kind: 'payment',
      code: 'PAYMENT_WITHOUT_LEDGER',
      ref: 'pay-9',
      orderId: 'o-9',
      ledgerFen: null,
      recordFen: 2560,
      providerFen: null,
      note: 'succeeded',
    },
  ],
  ranAt: '2026-11-25T18:00:00.000Z',
  ranBy: 'job',
  providerChecked: false,
}

describe('reconciliation', () => {
  it("shows the day's statement, its differences, and runs it again", async () => {
    Current.router = { params: { day: '2026-11-25' }, path: '/admin/pages/reconciliation/index', $taroPath: '', onReady: '', onHide: '', onShow: '' }
    const calls = fakeApi({
      'GET /admin/reconciliation': { body: report },
      'GET /admin/reconciliation/days': {
        body: [{ day: '2026-11-25', differenceCount: 1, ranAt: report.ranAt, balanced: true, transactionCount: 42 }],
      },
      'POST /admin/reconciliation/run': { body: { ...report, differences: [] } },
    })
    render(<AdminReconciliationPage />)
    const statement = await screen.findByRole('region', { name: '2026-11-25 日报' })
    expect(within(statement).getByRole('group', { name: '收款' })).toHaveTextContent('¥3840.00')
    expect(within(statement).getByRole('group', { name: '平台毛利' })).toHaveTextContent('¥1532.00')
    expect(statement).toHaveTextContent('借贷平衡')
    expect(screen.getByText('收款成功但账上没有记录')).toBeInTheDocument()
    expect(screen.getByRole('region', { name: '最近的对账' })).toHaveTextContent('1 处差异')
    await userEvent.click(screen.getByRole('button', { name: '重新对账' }))
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ day: '2026-11-25' }))
  })
})

describe('the audit log', () => {
  it('says who did what, with the rate before and after', async () => {
    fakeApi({
      'GET /admin/audit': {
        body: {
          entries: [
            {
              id: 'a-1',
              actor: { id: 'u-ops', name: '运营小周' },
              action: 'user.commission',
              targetKind: 'user',
              targetId: 'u-wang',
              before: { commissionBps: 500 },
              after: { commissionBps: 650 },
              createdAt: '2026-11-26T02:00:00.000Z',
            },
          ],
          nextBefore: null,
        },
      },
    })
    render(<AdminAuditPage />)
    const row = await screen.findByRole('row', { name: '修改团长佣金' })
    expect(row).toHaveTextContent('运营小周')
    expect(row).toHaveTextContent('之前: 佣金: 5%')
    expect(row).toHaveTextContent('之后: 佣金: 6.5%')
  })
})

import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import type { AfterSalesView, OrderAfterSalesResponse } from '../../types/api'
import { useLocale } from '@/i18n'
import { AfterSalesEntry } from '@/components/after-sales-entry'
import AfterSalesFormPage from '@/shopper/pages/after-sales/index'
import LeaderAfterSalesPage from '@/leader/pages/after-sales/index'
import { useSession } from '@/stores/session'
import { fakeApi } from './support/fake-api'
import { order, shopper } from './support/fixtures'

// the phone's compression (Taro.compressImage / a canvas) is the platform file's; here it marks the path
jest.mock('@/shopper/lib/compress-photo', () => ({ MAX_SIDE: 1600, compressPhoto: async (path: string) => `${path}#small` }))

function type(element: HTMLElement, value: string) {
  fireEvent(element, new CustomEvent('input', { detail: { value, cursor: value.length }, bubbles: true }))
}

// three boxes of strawberries, settled at ¥9.90 each; collected at 10:00 (Shanghai 18:00)
const strawberries = order({
  id: 'o-straw',
  dealTitle: '丹东草莓 3盒装',
  status: 'picked_up',
  quantity: 3,
  unitPriceFen: 1280,
  finalUnitPriceFen: 990,
  paidFen: 3840,
  refundFen: 870,
})

function request(over: Partial<AfterSalesView> = {}): AfterSalesView {
  return {
    id: 'as-1',
    orderId: 'o-straw',
    status: 'requested',
    quantity: 1,
    reason: 'spoiled',
    note: '一盒压坏了',
    photos: ['/uploads/AbCdEfGhIjKlMnOp.jpg'],
    askedFen: 990,
    approvedFen: null,
    leaderReason: null,
    escalationNote: null,
    decision: null,
    decisionNote: null,
    canEscalate: false,
    createdAt: '2026-12-01T11:00:00.000Z',
    answeredAt: null,
    escalatedAt: null,
    decidedAt: null,
    order: {
      dealTitle: '丹东草莓 3盒装',
      productName: '丹东草莓',
      productSpec: '500g/盒',
      quantity: 3,
      paidFen: 3840,
      refundFen: 870,
      refundableFen: 2970,
      pointName: '幸福里便利店',
      shopper: '小*',
      pickedUpAt: '2026-12-01T10:00:00.000Z',
    },
    timeline: [{ kind: 'asked', at: '2026-12-01T11:00:00.000Z', by: 'shopper', status: 'requested', amountFen: 990, note: '一盒压坏了' }],
    ...over,
  }
}

const offer = (over: Partial<OrderAfterSalesResponse> = {}): OrderAfterSalesResponse => ({
  requests: [],
  canRequest: true,
  refusal: null,
  windowEndsAt: '2026-12-03T10:00:00.000Z',
  refundableFen: 2970,
  maxPhotos: 6,
  ...over,
})

beforeEach(() => {
  useSession.getState().signIn({ token: 'tok-mei', user: shopper })
})
afterEach(() => useLocale.getState().setLocale('zh-CN'))

describe('on the order page', () => {
  it('a picked-up order offers "申请售后" until 48 hours after pickup, and opens the form', async () => {
    fakeApi({ 'GET /orders/o-straw/after-sales': { body: offer() } })
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never)
    render(<AfterSalesEntry order={strawberries} />)
    expect(await screen.findByText('12月3日 18:00 前可申请售后（仅退款）')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: '申请售后' }))
    expect(navigate).toHaveBeenCalledWith({ url: '/shopper/pages/after-sales/index?orderId=o-straw' })
  })

  it('says nothing for an order not picked up, and asks the server nothing', async () => {
    const calls = fakeApi({})
    render(<AfterSalesEntry order={{ ...strawberries, status: 'ready' }} />)
    await new Promise((r) => setTimeout(r, 20))
    expect(screen.queryByRole('region', { name: '售后' })).not.toBeInTheDocument()
    expect(calls).toEqual([])
  })

  it('shows the request once made: its state, the refund given, and each step', async () => {
    fakeApi({
      'GET /orders/o-straw/after-sales': {
        body: offer({
          canRequest: true,
          requests: [
            request({
              status: 'partially_approved',
              approvedFen: 500,
              timeline: [
                { kind: 'asked', at: '2026-12-01T11:00:00.000Z', by: 'shopper', status: 'requested', amountFen: 990, note: null },
                { kind: 'answered', at: '2026-12-01T12:00:00.000Z', by: 'leader', status: 'partially_approved', amountFen: 500, note: null },
                { kind: 'refunded', at: '2026-12-01T12:00:00.000Z', by: 'system', status: 'partially_approved', amountFen: 500, note: null },
              ],
            }),
          ],
        }),
      },
    })
    render(<AfterSalesEntry order={strawberries} />)
    const card = await screen.findByRole('group', { name: '已部分退款' })
    expect(within(card).getByText('1件 · 变质/损坏 · 申请退款 ¥9.90')).toBeInTheDocument()
    expect(within(card).getByText('退款 ¥5.00')).toBeInTheDocument()
    const steps = within(card)
      .getAllByRole('listitem')
      .map((li) => li.textContent)
    expect(steps).toEqual(['申请售后 ¥9.9012月1日 19:00', '团长同意退款 ¥5.0012月1日 20:00', '¥5.00 原路退回12月1日 20:00'])
  })

  it('after a refusal, the shopper may ask the platform once', async () => {
    let escalated = false
    const refused = request({
      status: 'refused',
      leaderReason: '核对过，发的是好果',
      canEscalate: true,
      answeredAt: '2026-12-01T12:00:00.000Z',
    })
    const calls = fakeApi({
      'GET /orders/o-straw/after-sales': () => ({
        body: offer({
          canRequest: false,
          refusal: 'AFTER_SALES_ALREADY_OPEN',
          requests: [escalated ? { ...refused, status: 'escalated', canEscalate: false } : refused],
        }),
      }),
      'POST /after-sales/as-1/escalate': () => {
        escalated = true
        return { body: { request: { ...refused, status: 'escalated', canEscalate: false } } }
      },
    })
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' } as never)
    render(<AfterSalesEntry order={strawberries} />)
    expect(await screen.findByText('团长说明：核对过，发的是好果')).toBeInTheDocument()
    expect(screen.getByText('仅可申请一次，平台的决定为最终结果')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: '申请平台介入' }))
    expect(await screen.findByText('平台处理中')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '申请平台介入' })).not.toBeInTheDocument()
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/after-sales/as-1/escalate'])
  })

  it('speaks English too', async () => {
    useLocale.getState().setLocale('en')
    fakeApi({ 'GET /orders/o-straw/after-sales': { body: offer() } })
    render(<AfterSalesEntry order={strawberries} />)
    expect(await screen.findByRole('button', { name: 'Request a refund' })).toBeInTheDocument()
  })
})

describe('the request form', () => {
  function openForm() {
    Current.router = { params: { orderId: 'o-straw' }, path: '/shopper/pages/after-sales/index', $taroPath: '', onReady: '', onHide: '', onShow: '' }
    return render(<AfterSalesFormPage />)
  }

  it('asks for 2 of 3 boxes back with a reason, a note and a photo; the estimate follows the quantity', async () => {
    const calls = fakeApi({
      'GET /orders/o-straw': { body: { order: strawberries } },
      'GET /orders/o-straw/after-sales': { body: offer() },
      'POST /orders/o-straw/after-sales': (req) => ({ status: 201, body: { request: request({ quantity: req.body.quantity }) } }),
    })
    jest.spyOn(Taro, 'chooseImage').mockResolvedValue({ tempFilePaths: ['blob:bruised'], tempFiles: [], errMsg: 'ok' } as never)
    const upload = jest
      .spyOn(Taro, 'uploadFile')
      .mockResolvedValue({ statusCode: 201, data: JSON.stringify({ url: '/uploads/AbCdEfGhIjKlMnOp.jpg' }), errMsg: 'ok' } as never)
    jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'ok' } as never)
    openForm()

    expect(await screen.findByText('丹东草莓 3盒装')).toBeInTheDocument()
    expect(screen.getByText('共购买 3 件')).toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent('预计退款 ¥9.90')
    await userEvent.click(screen.getByRole('button', { name: '增加数量' }))
    expect(screen.getByRole('status')).toHaveTextContent('预计退款 ¥19.80')

    // no reason yet: the form says so and sends nothing
    await userEvent.click(screen.getByRole('button', { name: '提交申请' }))
    expect(screen.getByRole('alert')).toHaveTextContent('请选择售后原因')
    expect(calls.some((c) => c.method === 'POST')).toBe(false)

    await userEvent.click(screen.getByRole('radio', { name: '变质/损坏' }))
    type(screen.getByLabelText('问题描述'), '两盒压坏了')
    await userEvent.click(screen.getByRole('button', { name: '添加照片' }))
    expect(await screen.findByRole('button', { name: '删除第 1 张照片' })).toBeInTheDocument()
    expect(screen.getByText('照片（1/6）')).toBeInTheDocument()
    expect(upload).toHaveBeenCalledWith(
      expect.objectContaining({ url: expect.stringMatching(/\/api\/v1\/uploads$/), name: 'file', filePath: 'blob:bruised#small' }),
    )

    await userEvent.click(screen.getByRole('button', { name: '提交申请' }))
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')).toBeDefined())
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      quantity: 2,
      reason: 'spoiled',
      note: '两盒压坏了',
      photos: ['/uploads/AbCdEfGhIjKlMnOp.jpg'],
    })
  })

  it("says the server's refusal in the shopper's words (after the window)", async () => {
    fakeApi({
      'GET /orders/o-straw': { body: { order: strawberries } },
      'GET /orders/o-straw/after-sales': { body: offer() },
      'POST /orders/o-straw/after-sales': { status: 409, body: { error: { code: 'AFTER_SALES_WINDOW_CLOSED', message: '已超过售后申请时间' } } },
    })
    openForm()
    await userEvent.click(await screen.findByRole('radio', { name: '少发/漏发' }))
    await userEvent.click(screen.getByRole('button', { name: '提交申请' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('已超过售后申请时间（提货后 48 小时内）')
  })
})

describe("the leader's after-sales page", () => {
  beforeEach(() => {
    useSession.getState().signIn({
      token: 'leader-token',
      user: { id: 'u-leader', handle: 'fang', nickname: '芳姐', avatarUrl: null, roles: ['shopper', 'leader'], commissionBps: 500 },
    })
    Current.router = { params: {}, path: '/leader/pages/after-sales/index', $taroPath: '', onReady: '', onHide: '', onShow: '' }
  })

  it('shows the request with its photo and amount, and approves part (at most what is left)', async () => {
    let answered: AfterSalesView | null = null
    const calls = fakeApi({
      'GET /leader/after-sales': () => ({ body: { requests: [answered ?? request()] } }),
      'POST /leader/after-sales/as-1/approve': (req) => {
        answered = request({ status: 'partially_approved', approvedFen: req.body.amountFen })
        return { body: { request: answered } }
      },
    })
    render(<LeaderAfterSalesPage />)
    const card = await screen.findByRole('group', { name: '丹东草莓 3盒装' })
    expect(within(card).getByText('小* · 丹东草莓 500g/盒 · 1/3件 · 变质/损坏')).toBeInTheDocument()
    expect(within(card).getByText('申请退款 ¥9.90')).toBeInTheDocument()
    expect(within(card).getByText('订单剩余可退 ¥29.70（已付 ¥38.40）')).toBeInTheDocument()
    expect(within(card).getByLabelText('第 1 张照片')).toHaveAttribute('src', expect.stringContaining('/uploads/AbCdEfGhIjKlMnOp.jpg'))

    await userEvent.click(within(card).getByRole('button', { name: '部分同意' }))
    type(within(card).getByLabelText('退款金额（元）'), '30')
    await userEvent.click(within(card).getByRole('button', { name: '同意退款' }))
    expect(within(card).getByText('请输入不超过 ¥29.70 的金额')).toBeInTheDocument()
    expect(calls.some((c) => c.method === 'POST')).toBe(false)

    type(within(card).getByLabelText('退款金额（元）'), '5')
    await userEvent.click(within(card).getByRole('button', { name: '同意退款' }))
    expect(await screen.findByText('已部分退款')).toBeInTheDocument()
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ amountFen: 500 })
  })

  it('refuses only with a reason', async () => {
    const calls = fakeApi({
      'GET /leader/after-sales': { body: { requests: [request()] } },
      'POST /leader/after-sales/as-1/refuse': { body: { request: request({ status: 'refused', leaderReason: '称过，足秤' }) } },
    })
    render(<LeaderAfterSalesPage />)
    const card = await screen.findByRole('group', { name: '丹东草莓 3盒装' })
    await userEvent.click(within(card).getByRole('button', { name: '拒绝' }))
    await userEvent.click(within(card).getByRole('button', { name: '确认拒绝' }))
    expect(within(card).getByText('请填写拒绝原因')).toBeInTheDocument()
    type(within(card).getByLabelText('拒绝原因'), '称过，足秤')
    await userEvent.click(within(card).getByRole('button', { name: '确认拒绝' }))
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ reason: '称过，足秤' }))
  })

  it('the operator decides an escalation in full', async () => {
    Current.router = { params: { mode: 'admin' }, path: '/leader/pages/after-sales/index', $taroPath: '', onReady: '', onHide: '', onShow: '' }
    const escalated = request({ status: 'escalated', leaderReason: '称过，足秤', escalationNote: '有照片为证' })
    const calls = fakeApi({
      'GET /admin/after-sales': { body: { requests: [escalated] } },
      'POST /admin/after-sales/as-1/decide': { body: { request: { ...escalated, status: 'decided', decision: 'refund', approvedFen: 990 } } },
    })
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' } as never)
    render(<LeaderAfterSalesPage />)
    const card = await screen.findByRole('group', { name: '丹东草莓 3盒装' })
    expect(within(card).getByText('申诉说明：有照片为证')).toBeInTheDocument()
    await userEvent.click(within(card).getByRole('button', { name: '平台退款 ¥9.90' }))
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ decision: 'refund', note: '' }))
  })
})

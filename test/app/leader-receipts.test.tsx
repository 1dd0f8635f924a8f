import { fireEvent, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import type { Receipt, ReceiptTask } from '../../types/api'
import ReceiptsPage from '@/leader/pages/receipts/index'
import { useSession } from '@/stores/session'
import { fakeApi } from './support/fake-api'

const task = (over: Partial<ReceiptTask> = {}): ReceiptTask => ({
  dealId: 'd-orange',
  title: '赣南脐橙 现摘现发',
  productName: '赣南脐橙',
  spec: '5斤/箱',
  supplier: { id: 's-1', name: '山前果蔬合作社' },
  pickupPoint: { id: 'pp-a', name: '幸福里便利店' },
  deliveryDate: '2026-11-27',
  packedUnits: 10,
  deliveredAt: '2026-11-27T01:30:00.000Z',
  receipt: null,
  ...over,
})

const region = () => screen.findByRole('region', { name: '幸福里便利店 赣南脐橙' }, { timeout: 5000 })

beforeEach(() => {
  useSession.getState().signIn({
    token: 'leader-token',
    user: { id: 'u-leader', handle: 'wang', nickname: '王阿姨', avatarUrl: null, roles: ['shopper', 'leader'], commissionBps: 500 },
  })
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})

describe("receiving a supplier's delivery", () => {
  it('a shortage of 2 is counted, confirmed, and the refund and ready orders are shown', async () => {
    let current = task()
    const calls = fakeApi({
      'GET /leader/receipts': () => ({ body: { receipts: [current] } }),
      'POST /leader/receipts': (req) => {
        const receipt: Receipt = {
          dealId: 'd-orange',
          pickupPointId: 'pp-a',
          expectedUnits: 10,
          receivedUnits: req.body.receivedUnits,
          missingUnits: 10 - req.body.receivedUnits - req.body.spoiledUnits,
          spoiledUnits: req.body.spoiledUnits,
          note: req.body.note ?? '',
          receivedAt: '2026-11-27T02:00:00.000Z',
          refundedOrders: 2,
          refundFen: 1980,
          readyOrders: 6,
        }
        current = { ...current, receipt }
        return { body: { receipt } }
      },
    })
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    render(<ReceiptsPage />)
    const card = await region()
    expect(within(card).getByText('送来 10 件')).toBeInTheDocument()
    expect(within(card).getByText('数量齐全，确认后订单可取货')).toBeInTheDocument()
    await userEvent.click(within(card).getByRole('button', { name: '完好收到 少一件' }))
    await userEvent.click(within(card).getByRole('button', { name: '完好收到 少一件' }))
    expect(within(card).getByText('短缺 2 件 · 损坏 0 件：共 2 件将退款给顾客')).toBeInTheDocument()

    await userEvent.click(within(card).getByRole('button', { name: '确认收货' }))
    expect(modal.mock.calls[0][0]?.content).toContain('2 件按规则退款给相关顾客')
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ dealId: 'd-orange', pickupPointId: 'pp-a', receivedUnits: 8, spoiledUnits: 0 })
    expect(await within(card).findByText('收到 8 件 · 短缺 2 件 · 损坏 0 件')).toBeInTheDocument()
    expect(within(card).getByText('2 笔订单退款 ¥19.80')).toBeInTheDocument()
    expect(within(card).getByText('6 笔订单可取货')).toBeInTheDocument()
  })

  it('more received and spoiled than was packed cannot be sent, and the server refusing says why in words', async () => {
    fakeApi({
      'GET /leader/receipts': { body: { receipts: [task({ packedUnits: 3 })] } },
      'POST /leader/receipts': { status: 400, body: { error: { code: 'RECEIPT_OVER_PACKED', message: 'over' } } },
    })
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    render(<ReceiptsPage />)
    const card = await region()
    // typed past what came: said at once, and the button stays off
    fireEvent(within(card).getByLabelText('损坏'), new CustomEvent('input', { detail: { value: '1', cursor: 1 }, bubbles: true }))
    expect(await within(card).findByRole('alert')).toHaveTextContent('收到和损坏加起来不能超过送来的 3 件')
    expect(within(card).getByRole('button', { name: '确认收货' })).toBeDisabled()
    await userEvent.click(within(card).getByRole('button', { name: '完好收到 少一件' }))
    expect(within(card).queryByRole('alert')).not.toBeInTheDocument()

    // the count the server refuses (another device recorded a different count meanwhile) is worded
    await userEvent.click(within(card).getByRole('button', { name: '确认收货' }))
    expect(await within(card).findByText('收到和损坏的件数加起来，不能多于供货商送来的件数')).toBeInTheDocument()
  })

  it('a delivery already received shows what was recorded, with no form', async () => {
    const receipt: Receipt = {
      dealId: 'd-orange',
      pickupPointId: 'pp-a',
      expectedUnits: 10,
      receivedUnits: 10,
      missingUnits: 0,
      spoiledUnits: 0,
      note: '',
      receivedAt: '2026-11-27T02:00:00.000Z',
      refundedOrders: 0,
      refundFen: 0,
      readyOrders: 7,
    }
    fakeApi({ 'GET /leader/receipts': { body: { receipts: [task({ receipt })] } } })
    render(<ReceiptsPage />)
    const card = await region()
    expect(within(card).getByText('已收货')).toBeInTheDocument()
    expect(within(card).getByText('7 笔订单可取货')).toBeInTheDocument()
    expect(within(card).queryByRole('button', { name: '确认收货' })).not.toBeInTheDocument()
  })
})

// Inside WeChat a transfer waiting for her is taken with 确认收款 (Taro.requestMerchantTransfer), then
// the server is asked where it is.
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import WalletPage from '@/leader/pages/wallet/index'
import { useSession } from '@/stores/session'
import type { Payout, Wallet } from '../../types/api'
import { fakeApi } from './support/fake-api'

const waiting: Payout = {
  id: 'p-wx',
  billNo: 'B0002',
  ownerKind: 'leader',
  amountFen: 5_000,
  status: 'wait_user_confirm',
  provider: 'wechatpay',
  providerState: 'WAIT_USER_CONFIRM',
  failReason: null,
  refuseReason: null,
  requestedAt: '2026-11-28T02:00:00.000Z',
  reviewedAt: '2026-11-28T02:10:00.000Z',
  sentAt: '2026-11-28T02:10:00.000Z',
  finishedAt: null,
  confirm: { mchId: '1900000109', appId: 'wx-linli', package: 'ABBQO+oYAAABAAAAAAAk' },
}

const wallet = (payouts: Payout[]): Wallet => ({
  ownerKind: 'leader',
  balanceFen: 3_640,
  pendingFen: 0,
  withdrawableFen: 3_640,
  inFlightFen: payouts[0].status === 'succeeded' ? 0 : 5_000,
  paidOutFen: payouts[0].status === 'succeeded' ? 5_000 : 0,
  minPayoutFen: 1_000,
  dailyCapFen: 500_000,
  todayRequestedFen: 5_000,
  suspended: false,
  provider: 'wechatpay',
  entries: [],
  payouts,
})

type Api = { requestMerchantTransfer?: (o: Record<string, unknown> & { success: () => void; fail: (e: unknown) => void }) => void }

beforeEach(() => {
  useSession.getState().signIn({
    token: 'leader-token',
    user: { id: 'u-leader', handle: 'wang', nickname: '王阿姨', avatarUrl: null, roles: ['shopper', 'leader'], commissionBps: 500 },
  })
  Current.router = { params: {}, path: '/leader/pages/wallet/index' } as never
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})
afterEach(() => {
  delete (Taro as unknown as Api).requestMerchantTransfer
})

it("确认收款 opens WeChat's confirmation with the bill's package, then the wallet shows it paid", async () => {
  const asked: Record<string, unknown>[] = []
  ;(Taro as unknown as Api).requestMerchantTransfer = (o) => {
    asked.push(o)
    o.success()
  }
  let current = wallet([waiting])
  const calls = fakeApi({
    'GET /leader/wallet': () => ({ body: current }),
    'POST /leader/payouts/:id/confirm': () => {
      current = wallet([{ ...waiting, status: 'succeeded', providerState: 'SUCCESS', finishedAt: '2026-11-28T02:11:00.000Z', confirm: null }])
      return { body: { payout: current.payouts[0] } }
    },
  })
  render(<WalletPage />)
  await userEvent.click(await screen.findByRole('button', { name: '确认收款' }))
  expect(asked).toHaveLength(1)
  expect(asked[0]).toMatchObject({ mchId: '1900000109', appId: 'wx-linli', package: 'ABBQO+oYAAABAAAAAAAk' })
  expect(await screen.findByText('已到账')).toBeInTheDocument()
  expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/leader/payouts/p-wx/confirm'])
  expect(screen.queryByRole('button', { name: '确认收款' })).not.toBeInTheDocument()
})

it("closing WeChat's page leaves it waiting, to confirm later; the server is not told it was taken", async () => {
  ;(Taro as unknown as Api).requestMerchantTransfer = (o) => o.fail({ errMsg: 'requestMerchantTransfer:fail cancel' })
  const calls = fakeApi({ 'GET /leader/wallet': { body: wallet([waiting]) } })
  const toast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  render(<WalletPage />)
  await userEvent.click(await screen.findByRole('button', { name: '确认收款' }))
  expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '还未确认，可以稍后再确认' }))
  expect(screen.getByText('待确认收款')).toBeInTheDocument()
  expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0)
})

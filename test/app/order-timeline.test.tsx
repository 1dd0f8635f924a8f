import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { useLocale } from '@/i18n'
import { OrderTimeline } from '@/components/order-timeline'
import OrderPage from '@/shopper/pages/order/index'
import { useSession } from '@/stores/session'
import type { TimelineEntry } from '../../types/api'
import { fakeApi } from './support/fake-api'
import { dealDetail, NOW, order, shopper } from './support/fixtures'

afterEach(() => useLocale.getState().reset())

// UTC instants; the timeline shows them in Shanghai time (UTC+8)
const timeline: TimelineEntry[] = [
  { kind: 'placed', at: '2026-11-26T01:00:00.000Z', quantity: 2, unitPriceFen: 1280 },
  { kind: 'paid', at: '2026-11-26T01:01:00.000Z', amountFen: 2560 },
  { kind: 'settled', at: '2026-11-27T02:00:00.000Z', finalUnitPriceFen: 990, refundFen: 580 },
  { kind: 'refund', at: '2026-11-27T02:00:00.000Z', amountFen: 580, reason: 'price_difference', status: 'succeeded' },
  { kind: 'arrived', at: '2026-11-28T08:00:00.000Z', pointName: '幸福里便利店' },
  { kind: 'picked_up', at: '2026-11-28T10:30:00.000Z', collectedBy: 'delegate', collectorNickname: '李兰' },
]

const stepsShown = () => within(screen.getByRole('list', { name: /订单进度|Order progress/ })).getAllByRole('listitem')

describe("the order's timeline", () => {
  it('tells every step with its Shanghai time, in order, with the amounts', () => {
    render(<OrderTimeline order={order({ status: 'picked_up', timeline, againDealId: null })} />)
    const steps = stepsShown().map((li) => li.textContent)
    expect(steps).toEqual([
      '下单 2件，单价 ¥12.80' + '11月26日 09:00',
      '已支付 ¥25.60' + '11月26日 09:01',
      '已成团，最终单价 ¥9.90，退差价 ¥5.80' + '11月27日 10:00',
      '差价退款 ¥5.80' + '已原路退回' + '11月27日 10:00',
      '已到货：幸福里便利店' + '11月28日 16:00',
      '李兰 已代取' + '11月28日 18:30',
    ])
    // finished, but nothing of that product on sale now: no "buy again"
    expect(screen.queryByRole('button', { name: '再来一单' })).not.toBeInTheDocument()
  })

  it('speaks English too, and shows a kind it does not know yet plainly', () => {
    useLocale.getState().setLocale('en')
    const later = [...timeline.slice(0, 2), { kind: 'something_new', at: '2026-11-26T02:00:00.000Z' } as unknown as TimelineEntry]
    render(<OrderTimeline order={order({ timeline: later })} />)
    expect(stepsShown().map((li) => li.textContent)).toEqual([
      'Ordered 2 pcs at ¥12.80 each' + 'Nov 26 09:00',
      'Paid ¥25.60' + 'Nov 26 09:01',
      'Order updated' + 'Nov 26 10:00',
    ])
  })

  it('on the order page, "buy again" opens the same product\'s deal open now', async () => {
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    fakeApi({
      'GET /orders/o-1': { body: { order: order({ status: 'picked_up', timeline, againDealId: 'd-orange-2' }) } },
      'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail({ status: 'completed' }) } },
    })
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never)
    Current.router = { params: { id: 'o-1' }, path: '/shopper/pages/order/index', $taroPath: '', onReady: '', onHide: '', onShow: '' }
    render(<OrderPage />)
    expect(await screen.findByText('李兰 已代取')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: '再来一单' }))
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/deal/index?id=d-orange-2' })
  })
})

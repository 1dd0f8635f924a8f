import { render, screen } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import DealPage from '@/pages/deal/index'
import { fakeApi } from './support/fake-api'
import { dealDetail, NOW } from './support/fixtures'

function openDeal(id: string) {
  Current.router = { params: { id }, path: '/pages/deal/index', $taroPath: '', onReady: '', onHide: '', onShow: '' }
  return render(<DealPage />)
}

describe("a supplier's deal (帮卖)", () => {
  it('names its supplier instead of a leader: the leader is the one at the pickup point', async () => {
    jest.useFakeTimers({ now: new Date(NOW), advanceTimers: true })
    fakeApi({ 'GET /deals/d-rice': { body: { serverNow: NOW, deal: dealDetail({ id: 'd-rice', supplier: { id: 's-1', name: '城南粮油批发' } }) } } })
    openDeal('d-rice')
    expect(await screen.findByText('供货商 城南粮油批发')).toBeInTheDocument()
    expect(screen.queryByText('团长 王阿姨')).not.toBeInTheDocument()
    jest.useRealTimers()
  })
})

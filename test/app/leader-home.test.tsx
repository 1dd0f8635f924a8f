import { render, screen, within } from '@testing-library/react'
import LeaderHomePage from '@/leader/pages/home/index'
import { useSession } from '@/stores/session'
import type { User } from '../../types/api'
import { fakeApi } from './support/fake-api'
import { dealSummary, NOW, pointA, shopper } from './support/fixtures'

const leader: User = { ...shopper, id: 'u-leader', nickname: '王阿姨', roles: ['shopper', 'leader'], commissionBps: 650 }

const application = {
  id: 'a-1',
  userId: shopper.id,
  nickname: shopper.nickname,
  name: '梅小芳',
  community: '幸福里小区',
  phone: '13912345678',
  pickupPoint: { name: '幸福里便利店', address: '幸福路12号', lat: 30.5, lng: 114.3, hours: '08:00-21:00', contact: '13912345678' },
  status: 'pending',
  rejectReason: null,
  commissionBps: null,
  pickupPointId: null,
  createdAt: NOW,
  reviewedAt: null,
}

describe('the leader console home', () => {
  it('a neighbour who is not a leader yet sees how to apply, or that the application is being reviewed', async () => {
    useSession.getState().signIn({ token: 't', user: shopper })
    fakeApi({ 'GET /me': { body: shopper }, 'GET /leader-applications/mine': { body: { application } } })
    render(<LeaderHomePage />)
    expect(await screen.findByText('你的申请已提交，正在审核（幸福里小区 · 幸福里便利店）')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '申请成为团长' })).not.toBeInTheDocument()
  })

  it('a rejected applicant reads the reason and may apply again', async () => {
    useSession.getState().signIn({ token: 't', user: shopper })
    fakeApi({
      'GET /me': { body: shopper },
      'GET /leader-applications/mine': { body: { application: { ...application, status: 'rejected', rejectReason: '请补充门牌号' } } },
    })
    render(<LeaderHomePage />)
    expect(await screen.findByText('上次申请未通过：请补充门牌号')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '重新申请' })).toBeInTheDocument()
  })

  it('a leader sees her rate, her deals with their state and her pickup points', async () => {
    useSession.getState().signIn({ token: 't', user: leader })
    fakeApi({
      'GET /me': { body: leader },
      'GET /leader/deals': {
        body: {
          deals: [
            dealSummary({ cutoffAt: '2099-01-01T00:00:00.000Z' }),
            dealSummary({ id: 'd-draft', title: '散养土鸡蛋', status: 'draft', count: 0, currentUnitPriceFen: 2590 }),
          ],
        },
      },
      'GET /leader/pickup-points': { body: { pickupPoints: [pointA] } },
    })
    render(<LeaderHomePage />)
    expect(await screen.findByText('团长 · 佣金 6.5%')).toBeInTheDocument()
    const orange = await screen.findByRole('link', { name: '赣南脐橙 现摘现发' })
    expect(within(orange).getByText('进行中')).toBeInTheDocument()
    expect(within(orange).getByText(/3人已拼 · 成团需3人 · 现价 ¥9.90/)).toBeInTheDocument()
    expect(within(screen.getByRole('link', { name: '散养土鸡蛋' })).getByText('草稿')).toBeInTheDocument()
    const point = screen.getByRole('link', { name: '幸福里便利店' })
    expect(within(point).getByText('幸福路12号 · 08:00-21:00 · 13800000000')).toBeInTheDocument()
  })
})

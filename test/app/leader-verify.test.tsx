import { fireEvent, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import VerifyPage from '@/leader/pages/verify/index'
import { useSession } from '@/stores/session'
import { fakeApi } from './support/fake-api'

function type(element: HTMLElement, value: string) {
  fireEvent(element, new CustomEvent('input', { detail: { value, cursor: value.length }, bubbles: true }))
}

const order = {
  id: 'o-1',
  dealId: 'd-orange',
  dealTitle: '赣南脐橙 现摘现发',
  product: { name: '赣南脐橙', spec: '5斤/箱' },
  shopper: '小*',
  quantity: 2,
  status: 'ready',
  pickupPoint: { id: 'pp-a', name: '幸福里便利店' },
  finalUnitPriceFen: 990,
  pickedUpAt: null,
}
const pickedUp = { ...order, status: 'picked_up', pickedUpAt: '2026-11-27T02:30:00.000Z' }

beforeEach(() => {
  useSession.getState().signIn({
    token: 'leader-token',
    user: { id: 'u-leader', handle: 'wang', nickname: '王阿姨', avatarUrl: null, roles: ['shopper', 'leader'], commissionBps: 500 },
  })
})

describe('handing out goods', () => {
  it('a typed code shows whose order it is and what to give; confirming says 已核销', async () => {
    const calls = fakeApi({
      'POST /leader/pickups/lookup': { body: { order } },
      'POST /leader/pickups/verify': { body: { order: pickedUp } },
    })
    render(<VerifyPage />)
    const look = screen.getByRole('button', { name: '查看订单' })
    // nothing to look up until six digits are in
    type(screen.getByLabelText('提货码'), '48291')
    expect(look).toHaveAttribute('disabled')
    type(screen.getByLabelText('提货码'), '482913')
    expect(look).not.toHaveAttribute('disabled')

    await userEvent.click(look)
    const check = await screen.findByRole('region', { name: '核对订单' })
    expect(within(check).getByText('小* 的订单')).toBeInTheDocument()
    expect(within(check).getByText('赣南脐橙 5斤/箱')).toBeInTheDocument()
    expect(within(check).getByText('× 2')).toBeInTheDocument()
    // looking changed nothing yet
    expect(calls.map((c) => c.path)).toEqual(['/leader/pickups/lookup'])
    expect(screen.queryByText('✓ 已核销')).not.toBeInTheDocument()

    await userEvent.click(within(check).getByRole('button', { name: '确认交货' }))
    const done = await screen.findByRole('status')
    expect(within(done).getByText('✓ 已核销')).toBeInTheDocument()
    expect(within(done).getByText('请交给 小*')).toBeInTheDocument()
    expect(within(done).getByText('× 2')).toBeInTheDocument()
    expect(calls.map((c) => [c.path, c.body])).toEqual([
      ['/leader/pickups/lookup', { code: '482913' }],
      ['/leader/pickups/verify', { code: '482913' }],
    ])
    expect(calls[1].headers.Authorization).toBe('Bearer leader-token')
    // ready for the next neighbour
    expect(screen.getByLabelText('提货码')).toHaveAttribute('value', '')
  })

  it('"不是这个" puts the order away without handing anything out', async () => {
    const calls = fakeApi({ 'POST /leader/pickups/lookup': { body: { order } } })
    render(<VerifyPage />)
    type(screen.getByLabelText('提货码'), '482913')
    await userEvent.click(screen.getByRole('button', { name: '查看订单' }))
    await userEvent.click(await screen.findByRole('button', { name: '不是这个' }))
    expect(screen.queryByRole('region', { name: '核对订单' })).not.toBeInTheDocument()
    expect(calls.every((c) => c.path === '/leader/pickups/lookup')).toBe(true)
  })

  it('a code already used says so clearly, with when it was used', async () => {
    fakeApi({
      'POST /leader/pickups/lookup': {
        status: 409,
        // as the server answers: its Chinese sentence, and the time as a fact for the app's own words
        body: {
          error: {
            code: 'CODE_ALREADY_USED',
            message: '该提货码已于 11月27日 10:30 核销过，不能重复提货',
            params: { pickedUpAt: '2026-11-27T02:30:00.000Z' },
          },
        },
      },
    })
    render(<VerifyPage />)
    type(screen.getByLabelText('提货码'), '482913')
    await userEvent.click(screen.getByRole('button', { name: '查看订单' }))
    const alert = await screen.findByRole('alert')
    expect(within(alert).getByText('已核销过')).toBeInTheDocument()
    expect(within(alert).getByText('该提货码已于 11月27日 10:30 核销过，不能重复提货')).toBeInTheDocument()
    expect(screen.queryByText('✓ 已核销')).not.toBeInTheDocument()
  })

  it("a wrong code asks to check it; too many wrong codes show the server's wait message", async () => {
    let attempts = 0
    fakeApi({
      'POST /leader/pickups/lookup': () =>
        ++attempts < 2
          ? { status: 404, body: { error: { code: 'NOT_FOUND', message: '提货码不存在' } } }
          : { status: 429, body: { error: { code: 'TOO_MANY_ATTEMPTS', message: '提货码错误次数过多，请 10 分钟后再试' } } },
    })
    render(<VerifyPage />)
    type(screen.getByLabelText('提货码'), '111111')
    await userEvent.click(screen.getByRole('button', { name: '查看订单' }))
    expect(await screen.findByText('提货码不对，请让邻居再核对一下')).toBeInTheDocument()

    type(screen.getByLabelText('提货码'), '222222')
    await userEvent.click(screen.getByRole('button', { name: '查看订单' }))
    expect(await screen.findByText('提货码错误次数过多，请 10 分钟后再试')).toBeInTheDocument()
  })
})

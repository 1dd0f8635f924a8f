// A leader writes a deal: the editor says what is missing, forgets it once fixed, and refuses a deal that could never succeed.
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import DealEditPage from '@/leader/pages/deal-edit/index'
import { useSession } from '@/stores/session'
import { fakeApi } from './support/fake-api'
import { pointA, shopper } from './support/fixtures'

function type(label: string, value: string) {
  fireEvent(screen.getByLabelText(label), new CustomEvent('input', { detail: { value, cursor: value.length }, bubbles: true }))
}

const BANNER = '还有内容没填好，请看红字提示'

beforeEach(() => {
  useSession.getState().signIn({ token: 't', user: { ...shopper, roles: ['shopper', 'leader'] } })
  Current.router = { params: {}, path: '/leader/pages/deal-edit/index' } as never
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})

async function openEditor() {
  const calls = fakeApi({
    'GET /leader/pickup-points': { body: { pickupPoints: [pointA] } },
    'POST /leader/deals': (req) => ({ status: 201, body: { deal: { id: 'd-new', status: 'draft', ...(req.body as object) } } }),
  })
  render(<DealEditPage />)
  await screen.findByLabelText('商品名称')
  return calls
}

function fillProduct() {
  type('商品名称', '赣南脐橙')
  type('规格', '5斤/箱')
  type('原价（元）', '39.9')
  type('第1档价格', '29.9')
  type('第2档价格', '25.9')
}

describe("the deal editor's notice", () => {
  it('says something is missing, and stops saying so as soon as the last field is fixed', async () => {
    const calls = await openEditor()
    await userEvent.click(screen.getByRole('button', { name: '存草稿' }))
    expect(screen.getByText(BANNER)).toBeInTheDocument()
    expect(screen.getByText('请填写商品名称')).toBeInTheDocument()
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0)

    type('商品名称', '赣南脐橙')
    type('规格', '5斤/箱')
    type('原价（元）', '39.9')
    type('第1档价格', '29.9')
    // one price still missing: the banner stays
    expect(screen.getByText(BANNER)).toBeInTheDocument()
    type('第2档价格', '25.9')
    // fixed: the banner goes without another tap
    await waitFor(() => expect(screen.queryByText(BANNER)).toBeNull())
    expect(screen.queryByText('请填写商品名称')).toBeNull()
    await userEvent.click(screen.getByRole('button', { name: '存草稿' }))
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1))
  })

  it('refuses a deal by people that its stock could never seat: stock 2, one each, 3 people', async () => {
    const calls = await openEditor()
    fillProduct()
    type('成团人数', '3')
    type('库存（件，选填）', '2')
    type('每人限购（选填）', '1')
    await userEvent.click(screen.getByRole('button', { name: '存草稿' }))
    expect(screen.getByText('每人至少买1件，库存不够凑齐成团人数，请加库存或减少成团人数')).toBeInTheDocument()
    expect(screen.getByText(BANNER)).toBeInTheDocument()
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0)

    type('库存（件，选填）', '3')
    await waitFor(() => expect(screen.queryByText(BANNER)).toBeNull())
    await userEvent.click(screen.getByRole('button', { name: '存草稿' }))
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1))
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual(expect.objectContaining({ minToSucceed: 3, stockUnits: 3, perUserLimit: 1 }))
  })
})

import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Current } from '@tarojs/runtime'
import HomePage, { SEARCH_DEBOUNCE_MS } from '@/pages/home/index'
import DealPage from '@/pages/deal/index'
import PickupPointsPage from '@/shopper/pages/pickup-points/index'
import { useLocale } from '@/i18n'
import { usePickupPoint } from '@/stores/pickup-point'
import { useSession } from '@/stores/session'
import { fakeApi, type FakeRequest } from './support/fake-api'
import { dealDetail, dealSummary, NOW, order, pointA, pointB, shopper } from './support/fixtures'

const orange = dealSummary()
const eggs = dealSummary({
  id: 'd-egg',
  title: '散养土鸡蛋',
  product: { name: '土鸡蛋', spec: '30枚/盒', description: '', images: [], category: '禽蛋' },
})
const CATEGORIES = [
  { category: '水果', count: 3 },
  { category: '禽蛋', count: 1 },
  { category: '手工皂', count: 1 },
]

/** The server as home sees it: the deals narrowed by `q` and `category` like GET /deals does. */
function townApi() {
  return fakeApi({
    'GET /deals': (req) => {
      const words = req.query.q?.toLowerCase()
      const deals = [orange, eggs].filter(
        (d) =>
          (!words || d.title.toLowerCase().includes(words) || d.product.name.toLowerCase().includes(words)) &&
          (!req.query.category || d.product.category === req.query.category),
      )
      return { body: { serverNow: NOW, deals } }
    },
    'GET /deals/categories': { body: { serverNow: NOW, categories: CATEGORIES } },
  })
}

const dealAsks = (calls: FakeRequest[]) => calls.filter((c) => c.path === '/deals')

/** Taro's input element (its label is on it, and on the <input> Taro draws inside it a moment later). */
const searchBox = (label: string) => screen.getAllByLabelText(label).find((el) => el.tagName === 'TARO-INPUT-CORE')!

/** What Taro's input element says when the shopper types (its own event). */
function typeKeys(label: string, value: string) {
  fireEvent(searchBox(label), new CustomEvent('input', { detail: { value, cursor: value.length }, bubbles: true }))
}

/** Types into the search box as a shopper does, then lets the pause pass. */
async function type(label: string, value: string) {
  typeKeys(label, value)
  await act(async () => {
    await jest.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 10)
  })
}

beforeEach(() => jest.useFakeTimers({ now: new Date(NOW), advanceTimers: true }))
afterEach(() => useLocale.getState().setLocale('zh-CN'))

describe('searching on home', () => {
  it('asks the server for the words once typing pauses, and the clear button brings every deal back', async () => {
    const calls = townApi()
    render(<HomePage />)
    expect(await screen.findByRole('link', { name: '散养土鸡蛋' })).toBeInTheDocument()
    const before = dealAsks(calls).length

    // each key is not a request: only the pause is
    typeKeys('搜索团购', '鸡')
    await type('搜索团购', ' 鸡蛋 ')
    expect(
      dealAsks(calls)
        .slice(before)
        .map((c) => c.query.q),
    ).toEqual(['鸡蛋'])
    await waitFor(() => expect(screen.queryByRole('link', { name: '赣南脐橙 现摘现发' })).not.toBeInTheDocument())
    expect(screen.getByRole('link', { name: '散养土鸡蛋' })).toBeInTheDocument()

    fireEvent.click(screen.getByRole('button', { name: '清除搜索' }))
    expect(await screen.findByRole('link', { name: '赣南脐橙 现摘现发' })).toBeInTheDocument()
    expect(dealAsks(calls).at(-1)!.query.q).toBeUndefined()
    expect(screen.queryByRole('button', { name: '清除搜索' })).not.toBeInTheDocument()
  })

  it('shows the categories as chips in words, an unknown one as stored, and a chip narrows the list', async () => {
    const calls = townApi()
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime })
    render(<HomePage />)
    const chips = within(await screen.findByRole('radiogroup', { name: '商品分类' }))
    expect(chips.getAllByRole('radio').map((c) => c.textContent)).toEqual(['全部', '水果', '禽蛋', '手工皂'])
    expect(chips.getByRole('radio', { name: '全部' })).toHaveAttribute('aria-checked', 'true')

    await user.click(chips.getByRole('radio', { name: '禽蛋' }))
    expect(chips.getByRole('radio', { name: '禽蛋' })).toHaveAttribute('aria-checked', 'true')
    expect(dealAsks(calls).at(-1)!.query.category).toBe('禽蛋')
    await waitFor(() => expect(screen.queryByRole('link', { name: '赣南脐橙 现摘现发' })).not.toBeInTheDocument())
    expect(screen.getByRole('link', { name: '散养土鸡蛋' })).toBeInTheDocument()

    // words and a chip together
    await type('搜索团购', '脐橙')
    expect(dealAsks(calls).at(-1)!.query).toMatchObject({ q: '脐橙', category: '禽蛋' })
  })

  it('says when nothing matches, and "see all" clears the words and the chip', async () => {
    const calls = townApi()
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime })
    render(<HomePage />)
    await user.click(within(await screen.findByRole('radiogroup')).getByRole('radio', { name: '水果' }))
    await type('搜索团购', '榴莲')
    expect(await screen.findByText('没有找到相关团购')).toBeInTheDocument()
    expect(screen.getByText('附近没有“榴莲”的团购，换个词试试')).toBeInTheDocument()
    // not the "no deals nearby yet" of an empty town
    expect(screen.queryByText('附近暂时没有开团')).not.toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: '看全部团购' }))
    expect(await screen.findByRole('link', { name: '散养土鸡蛋' })).toBeInTheDocument()
    expect(dealAsks(calls).at(-1)!.query).toEqual({})
    expect(searchBox('搜索团购')).toHaveAttribute('value', '')
    expect(screen.queryByRole('button', { name: '清除搜索' })).not.toBeInTheDocument()
    expect(screen.getByRole('radio', { name: '全部' })).toHaveAttribute('aria-checked', 'true')
  })

  it('reads in English: the box, the chips and the nothing-found words', async () => {
    useLocale.getState().setLocale('en')
    townApi()
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime })
    render(<HomePage />)
    const chips = within(await screen.findByRole('radiogroup', { name: 'Categories' }))
    expect(chips.getAllByRole('radio').map((c) => c.textContent)).toEqual(['All', 'Fruit', 'Poultry & eggs', '手工皂'])
    await user.click(chips.getByRole('radio', { name: 'Fruit' }))
    await type('Search group buys', 'durian')
    expect(await screen.findByText('No group buys match')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'See all group buys' })).toBeInTheDocument()
  })

  it('still lists the deals when the categories cannot be read (no chips)', async () => {
    fakeApi({ 'GET /deals': { body: { serverNow: NOW, deals: [orange] } } })
    render(<HomePage />)
    expect(await screen.findByRole('link', { name: '赣南脐橙 现摘现发' })).toBeInTheDocument()
    expect(screen.queryByRole('radiogroup')).not.toBeInTheDocument()
  })
})

describe('the usual pickup point', () => {
  function openDeal() {
    Current.router = { params: { id: 'd-orange' }, path: '/pages/deal/index', $taroPath: '', onReady: '', onHide: '', onShow: '' }
    return render(<DealPage />)
  }
  const joinApi = () =>
    fakeApi({
      'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail({ myUnits: 0, maxMoreUnits: 96 }) } },
      'POST /deals/d-orange/invites': { body: { code: 'MEI1', path: '' } },
      'GET /me/orders': { body: { orders: [] } },
      'POST /deals/d-orange/orders': {
        body: { order: order({ status: 'pending_payment', paidFen: 0, pickupCode: undefined }), payment: { provider: 'sandbox', amountFen: 990 } },
      },
    })

  it('is the point she last joined with: the next join sheet starts on it', async () => {
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    joinApi()
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime })
    const first = openDeal()
    await user.click(await screen.findByRole('button', { name: '¥9.90 立即参团' }))
    // the nearest point first, as before
    expect(await screen.findByRole('radio', { name: /幸福里便利店/ })).toHaveAttribute('aria-checked', 'true')
    await user.click(screen.getByRole('radio', { name: /阳光小区3栋/ }))
    await user.click(screen.getByRole('button', { name: /确认参团/ }))
    expect(await screen.findByRole('button', { name: '模拟支付（沙箱）' })).toBeInTheDocument()
    expect(usePickupPoint.getState().pointId).toBe(pointB.id)
    first.unmount()

    openDeal()
    await user.click(await screen.findByRole('button', { name: '¥9.90 立即参团' }))
    expect(await screen.findByRole('radio', { name: /阳光小区3栋/ })).toHaveAttribute('aria-checked', 'true')
  })

  it('is not picked for a deal that does not ship there: the nearest is', async () => {
    usePickupPoint.getState().remember('pp-elsewhere')
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    joinApi()
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime })
    openDeal()
    await user.click(await screen.findByRole('button', { name: '¥9.90 立即参团' }))
    expect(await screen.findByRole('radio', { name: /幸福里便利店/ })).toHaveAttribute('aria-checked', 'true')
  })

  it('can be chosen on the pickup points page', async () => {
    fakeApi({ 'GET /pickup-points': { body: { pickupPoints: [pointA, pointB] } } })
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime })
    render(<PickupPointsPage />)
    const buttons = await screen.findAllByRole('button', { name: '设为常用自提点' })
    expect(buttons).toHaveLength(2)
    await user.click(buttons[1])
    expect(usePickupPoint.getState().pointId).toBe(pointB.id)
    expect(screen.getByText('常用自提点')).toBeInTheDocument()
    expect(screen.getAllByRole('button', { name: '设为常用自提点' })).toHaveLength(1)
  })
})

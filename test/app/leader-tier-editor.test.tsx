import { useState } from 'react'
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { TierBasis } from '../../types/api'
import { TierEditor } from '@/leader/components/tier-editor'
import type { TierRow } from '@/leader/lib/tier-rows'
import { useLocale } from '@/i18n'

/** Taro's Input reports typing as an `input` event whose detail carries the whole value. */
function type(element: HTMLElement, value: string) {
  fireEvent(element, new CustomEvent('input', { detail: { value, cursor: value.length }, bubbles: true }))
}

function Harness({ basis = 'people', listPriceFen = 2990, initial }: { basis?: TierBasis; listPriceFen?: number | null; initial: TierRow[] }) {
  const [rows, setRows] = useState(initial)
  return <TierEditor basis={basis} listPriceFen={listPriceFen} rows={rows} onChange={setRows} />
}

const tier = (index: number) => screen.getByRole('group', { name: `第${index}档` })
const preview = () => screen.getByLabelText('顾客看到的价格')

describe('the tier editor', () => {
  it('shows shoppers the first price and "再邀N人 享¥x" as the leader fills the ladder in', async () => {
    render(
      <Harness
        initial={[
          { threshold: '1', price: '' },
          { threshold: '5', price: '' },
        ]}
      />,
    )
    // half-filled: each blank price is asked for under its own row, and there is no preview yet
    expect(within(tier(1)).getByText('请填写价格，如 9.90')).toBeInTheDocument()
    expect(within(tier(2)).getByText('请填写价格，如 9.90')).toBeInTheDocument()
    expect(within(preview()).getByText('价格填好后，这里显示顾客看到的样子')).toBeInTheDocument()

    type(screen.getByLabelText('第1档价格'), '12.80')
    type(screen.getByLabelText('第2档价格'), '9.9')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(within(preview()).getByText('¥12.80')).toBeInTheDocument()
    expect(within(preview()).getByText('¥29.90')).toBeInTheDocument()
    // as the first shopper will see it: nobody has joined yet
    expect(within(preview()).getByText('已拼 0 人')).toBeInTheDocument()
    expect(within(preview()).getByText('再邀5人 享¥9.90')).toBeInTheDocument()

    // stepping the preview's count to the threshold shows the lower price reached
    const more = within(preview()).getByRole('button', { name: '多一人' })
    await userEvent.click(more)
    expect(within(preview()).getByText('再邀4人 享¥9.90')).toBeInTheDocument()
    for (let i = 0; i < 4; i++) await userEvent.click(more)
    expect(within(preview()).getByText('已拼 5 人')).toBeInTheDocument()
    expect(within(preview()).getByText('¥9.90')).toBeInTheDocument()
    expect(within(preview()).getByText('已享最低价')).toBeInTheDocument()
  })

  it('says in place when a threshold does not rise or a price does not fall', () => {
    render(
      <Harness
        initial={[
          { threshold: '1', price: '12.80' },
          { threshold: '5', price: '9.90' },
          { threshold: '3', price: '10.50' },
        ]}
      />,
    )
    expect(within(tier(3)).getByText('门槛须高于上一档')).toBeInTheDocument()
    expect(within(tier(3)).getByText('价格须低于上一档')).toBeInTheDocument()
    expect(within(tier(1)).queryByRole('alert')).not.toBeInTheDocument()
    expect(within(tier(2)).queryByRole('alert')).not.toBeInTheDocument()
    expect(within(preview()).queryByText(/再邀/)).not.toBeInTheDocument()

    type(screen.getByLabelText('第3档人数'), '10')
    type(screen.getByLabelText('第3档价格'), '8.80')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(within(preview()).getByText('再邀5人 享¥9.90')).toBeInTheDocument()
  })

  it('refuses a tier above the list price and a price with three decimals', () => {
    render(
      <Harness
        listPriceFen={1000}
        initial={[
          { threshold: '1', price: '12.80' },
          { threshold: '5', price: '9.999' },
        ]}
      />,
    )
    expect(within(tier(1)).getByText('团购价不能高于原价')).toBeInTheDocument()
    expect(within(tier(2)).getByText('价格格式不对，最多两位小数')).toBeInTheDocument()
  })

  it('adds a row above the last threshold and removes rows, but never the first', async () => {
    render(
      <Harness
        basis='units'
        initial={[
          { threshold: '1', price: '12.80' },
          { threshold: '5', price: '9.90' },
        ]}
      />,
    )
    expect(within(preview()).getByText('再拼5件 享¥9.90')).toBeInTheDocument()

    await userEvent.click(screen.getByRole('button', { name: '＋ 加一档' }))
    expect(screen.getByLabelText('第3档件数')).toHaveAttribute('value', '10')
    // the new row has no price yet: it says so, and the preview waits
    expect(within(tier(3)).getByText('请填写价格，如 9.90')).toBeInTheDocument()

    await userEvent.click(screen.getByRole('button', { name: '删除第3档' }))
    expect(screen.queryByRole('group', { name: '第3档' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '删除第1档' })).not.toBeInTheDocument()
    expect(within(preview()).getByText('再拼5件 享¥9.90')).toBeInTheDocument()
  })

  it('the first tier always starts at 1', () => {
    render(<Harness initial={[{ threshold: '2', price: '12.80' }]} />)
    expect(within(tier(1)).getByText('第一档须从 1 开始')).toBeInTheDocument()
  })

  it('says the same problems and the preview in English, from the same codes', () => {
    useLocale.getState().setLocale('en')
    try {
      render(
        <Harness
          listPriceFen={1000}
          initial={[
            { threshold: '1', price: '9.90' },
            { threshold: '5', price: '' },
            { threshold: '3', price: '10.50' },
          ]}
        />,
      )
      const row = (n: number) => screen.getByRole('group', { name: `Tier ${n}` })
      expect(within(row(2)).getByText('Enter a price, e.g. 9.90')).toBeInTheDocument()
      expect(within(row(3)).getByText('Must be more than the tier above')).toBeInTheDocument()
      expect(within(row(3)).getByText('Must be cheaper than the tier above')).toBeInTheDocument()
      expect(screen.getByText('Once the prices are filled in, this shows what shoppers see')).toBeInTheDocument()
      type(screen.getByLabelText('Tier 2: price'), '8.80')
      type(screen.getByLabelText('Tier 3: people'), '10')
      type(screen.getByLabelText('Tier 3: price'), '7.70')
      expect(screen.queryByRole('alert')).not.toBeInTheDocument()
      const shown = screen.getByLabelText('What shoppers see')
      expect(within(shown).getByText('0 people so far')).toBeInTheDocument()
      expect(within(shown).getByText('5 more unlock ¥8.80')).toBeInTheDocument()
      // nothing Chinese is left on the editor
      expect(document.body.textContent).not.toMatch(/[\u4e00-\u9fff]/)
    } finally {
      act(() => useLocale.getState().reset())
    }
  })
})

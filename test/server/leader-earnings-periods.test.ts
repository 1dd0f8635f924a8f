import { groupByPeriod, monthOf, weekOf } from '../../server/features/earnings/earnings-periods'

describe("a leader's commission per week and month (Shanghai calendar)", () => {
  it('weeks start on Monday in Shanghai, even when UTC is still on Sunday', () => {
    // Monday 2026-11-23 00:30 in Shanghai is Sunday 16:30 UTC
    expect(weekOf('2026-11-22T16:30:00.000Z')).toBe('2026-11-23')
    expect(weekOf('2026-11-29T15:59:00.000Z')).toBe('2026-11-23') // Sunday 23:59 Shanghai
    expect(weekOf('2026-11-29T16:00:00.000Z')).toBe('2026-11-30')
    expect(monthOf('2026-11-30T16:00:00.000Z')).toBe('2026-12')
  })

  it('earned commission goes to when goods were handed out, pending to the pickup day; newest first', () => {
    const { weeks, months } = groupByPeriod(
      [
        { valueFen: 10_000, earned: true, at: '2026-11-24T03:00:00.000Z' },
        { valueFen: 5_000, earned: true, at: '2026-11-25T03:00:00.000Z' },
        { valueFen: 3_000, earned: false, at: '2026-12-02T01:00:00.000Z' },
        { valueFen: 2_000, earned: true, at: '2026-10-30T03:00:00.000Z' },
      ],
      500,
    )
    expect(weeks).toEqual([
      { period: '2026-11-30', earnedFen: 0, pendingFen: 150 },
      { period: '2026-11-23', earnedFen: 750, pendingFen: 0 },
      { period: '2026-10-26', earnedFen: 100, pendingFen: 0 },
    ])
    expect(months).toEqual([
      { period: '2026-12', earnedFen: 0, pendingFen: 150 },
      { period: '2026-11', earnedFen: 750, pendingFen: 0 },
      { period: '2026-10', earnedFen: 100, pendingFen: 0 },
    ])
  })

  it('rounds each period down to whole fen, never up', () => {
    const { months } = groupByPeriod([{ valueFen: 999, earned: true, at: '2026-11-24T03:00:00.000Z' }], 500)
    expect(months).toEqual([{ period: '2026-11', earnedFen: 49, pendingFen: 0 }])
  })

  it("rounds each order's commission on its own, as the wallet's ledger does: three ¥9.90 orders at 5% earn 147 fen", () => {
    const order = { valueFen: 990, earned: true, at: '2026-11-24T03:00:00.000Z' }
    const { months } = groupByPeriod([order, order, order], 500)
    expect(months).toEqual([{ period: '2026-11', earnedFen: 147, pendingFen: 0 }])
  })
})

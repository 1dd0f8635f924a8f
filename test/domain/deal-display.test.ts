import fc from 'fast-check'
import { DealStatus, OrderStatus } from '../../types/api'
import { DealDisplay, ViewerPart, dealDisplay, dealDisplayCode, joinQuote, type DisplayDeal } from '@/domain'

const NOW = '2026-11-26T02:00:00.000Z'
const LATER = '2026-11-26T04:00:00.000Z'
const EARLIER = '2026-11-26T01:00:00.000Z'

const deal = (over: Partial<DisplayDeal> = {}): DisplayDeal => ({ status: 'open', stockUnits: 10, soldUnits: 4, cutoffAt: LATER, ...over })

describe("a deal's display state", () => {
  it('is joinable while open, before its cutoff, with stock left: join, invite, poster and the next tier on', () => {
    const view = dealDisplay(deal(), NOW)
    expect(view).toMatchObject({ code: 'joinable', canJoin: true, canInvite: true, canPoster: true, showNextTier: true, canPay: false, left: 6 })
  })

  it('is sold out when every unit is held: nothing to join, nobody to invite (the buyer of the last unit too)', () => {
    const view = dealDisplay(deal({ soldUnits: 10 }), NOW, [{ id: 'o', status: 'paid', holdExpiresAt: null }])
    expect(view).toMatchObject({
      code: 'sold_out',
      viewer: 'joined',
      canJoin: false,
      canInvite: false,
      canPoster: false,
      showNextTier: false,
      left: 0,
    })
    expect(view.ended).toBe(false)
  })

  it('has no stock cap to sell out without one', () => {
    expect(dealDisplayCode(deal({ stockUnits: null, soldUnits: 10_000 }), NOW)).toBe('joinable')
  })

  it('is closed and waiting for settlement once the cutoff passes on an open deal', () => {
    expect(dealDisplay(deal({ cutoffAt: EARLIER }), NOW)).toMatchObject({
      code: 'closed_pending_settlement',
      canJoin: false,
      canInvite: false,
      ended: true,
    })
  })

  it.each([
    ['succeeded', false],
    ['completed', false],
    ['failed', true],
    ['cancelled', true],
  ] as const)('reads a %s deal as its own state (refunded: %s), whatever its stock and clock', (status, refunded) => {
    const view = dealDisplay(deal({ status, soldUnits: 0, cutoffAt: LATER }), NOW)
    expect(view).toMatchObject({ code: status, refunded, ended: true, canJoin: false, canInvite: false, canPoster: false, showNextTier: false })
  })

  it('shows a draft as a draft', () => {
    expect(dealDisplay(deal({ status: 'draft' }), NOW)).toMatchObject({ code: 'draft', canJoin: false, ended: false })
  })
})

describe("the viewer's part", () => {
  it('asks her to pay an unpaid order whose hold still runs, rather than to join again', () => {
    const unpaid = { id: 'o-1', status: OrderStatus.pendingPayment, holdExpiresAt: '2026-11-26T02:15:00.000Z' }
    const view = dealDisplay(deal(), NOW, [unpaid])
    expect(view).toMatchObject({ viewer: 'unpaid', canPay: true, canJoin: false, unpaidOrder: unpaid })
  })

  it('may still pay a held order of a deal that sold out (her units are the held ones)', () => {
    const unpaid = { id: 'o-1', status: OrderStatus.pendingPayment, holdExpiresAt: '2026-11-26T02:15:00.000Z' }
    expect(dealDisplay(deal({ soldUnits: 10 }), NOW, [unpaid])).toMatchObject({ code: 'sold_out', canPay: true })
  })

  it('forgets an unpaid order whose hold ran out, and cannot pay one of a closed deal', () => {
    const expired = { id: 'o-1', status: OrderStatus.pendingPayment, holdExpiresAt: EARLIER }
    expect(dealDisplay(deal(), NOW, [expired])).toMatchObject({ viewer: 'none', canPay: false, canJoin: true })
    const held = { id: 'o-2', status: OrderStatus.pendingPayment, holdExpiresAt: '2026-11-26T02:15:00.000Z' }
    expect(dealDisplay(deal({ status: 'cancelled' }), NOW, [held])).toMatchObject({ canPay: false })
  })

  it('counts a paid order as joined, and not a cancelled, refunded or expired one', () => {
    for (const status of [OrderStatus.paid, OrderStatus.confirmed, OrderStatus.ready, OrderStatus.pickedUp]) {
      expect(dealDisplay(deal(), NOW, [{ id: 'o', status, holdExpiresAt: null }]).viewer).toBe('joined')
    }
    for (const status of [OrderStatus.cancelled, OrderStatus.refunded, OrderStatus.expired]) {
      expect(dealDisplay(deal(), NOW, [{ id: 'o', status, holdExpiresAt: null }]).viewer).toBe('none')
    }
  })

  it('turns joining off at her own limit but keeps inviting on', () => {
    expect(dealDisplay(deal(), NOW, [], 0)).toMatchObject({ canJoin: false, canInvite: true })
  })
})

describe('never an invite to what cannot be joined (property)', () => {
  it('holds for every status, stock and clock', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(DealStatus)),
        fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
        fc.integer({ min: 0, max: 25 }),
        fc.boolean(),
        fc.constantFrom(...Object.values(OrderStatus)),
        (status, stockUnits, soldUnits, past, orderStatus) => {
          const d = { status, stockUnits, soldUnits, cutoffAt: past ? EARLIER : LATER }
          const view = dealDisplay(d, NOW, [{ id: 'o', status: orderStatus, holdExpiresAt: LATER }])
          const open = status === 'open' && !past && (stockUnits === null || soldUnits < stockUnits)
          expect(view.code === DealDisplay.joinable).toBe(open)
          expect(view.canInvite || view.canPoster || view.showNextTier || view.canJoin ? open : true).toBe(true)
          if (view.canPay) expect(view.viewer).toBe(ViewerPart.unpaid)
        },
      ),
    )
  })
})

describe('the price of a join before paying', () => {
  const tiers = [
    { threshold: 1, unitPriceFen: 1280 },
    { threshold: 3, unitPriceFen: 990 },
    { threshold: 5, unitPriceFen: 880 },
  ]
  it('is the quantity times the tier reached with the join counted', () => {
    const d = { tierBasis: 'people' as const, tiers, listPriceFen: 2990, count: 3, soldUnits: 4 }
    expect(joinQuote(d, 0, 3)).toEqual({ unitPriceFen: 990, totalFen: 2970 })
    // the fifth person unlocks the lower price for her own order too
    expect(joinQuote({ ...d, count: 4 }, 0, 2)).toEqual({ unitPriceFen: 880, totalFen: 1760 })
    // a returning shopper is not one more person
    expect(joinQuote({ ...d, count: 4 }, 1, 2)).toEqual({ unitPriceFen: 990, totalFen: 1980 })
  })
  it('counts units on a units basis, and uses the list price without tiers', () => {
    expect(joinQuote({ tierBasis: 'units', tiers, listPriceFen: 2990, count: 2, soldUnits: 2 }, 0, 3)).toEqual({ unitPriceFen: 880, totalFen: 2640 })
    expect(joinQuote({ tierBasis: 'units', tiers: [], listPriceFen: 2990, count: 0, soldUnits: 0 }, 0, 2).totalFen).toBe(5980)
  })
  it('is always the unit price times the quantity (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 20 }), (count, held, qty) => {
        const q = joinQuote({ tierBasis: 'people', tiers, listPriceFen: 2990, count, soldUnits: count }, held, qty)
        expect(q.totalFen).toBe(q.unitPriceFen * qty)
        expect(tiers.map((x) => x.unitPriceFen)).toContain(q.unitPriceFen)
      }),
    )
  })
})

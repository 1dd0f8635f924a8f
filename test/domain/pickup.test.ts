import fc from 'fast-check'
import { OrderStatus } from '../../types/api'
import { DelegationRefusal, PickupPhase, acceptRefusal, canDelegate, graceEndsAt, isUnclaimedDue, nextOrderStatus, pickupPhase } from '@/domain'

const END = '2026-11-28T12:00:00.000Z'
const DAY = 24 * 3_600_000
const at = (ms: number) => new Date(Date.parse(END) + ms).toISOString()

describe('no-shows: the grace period after the pickup window', () => {
  it('codes work through the window and the two days after it; from the exact end of the grace period the goods are unclaimed', () => {
    expect(graceEndsAt(END, 2).toISOString()).toBe('2026-11-30T12:00:00.000Z')
    expect(pickupPhase(END, 2, at(-1))).toBe(PickupPhase.window)
    expect(pickupPhase(END, 2, END)).toBe(PickupPhase.grace)
    expect(pickupPhase(END, 2, at(2 * DAY - 1))).toBe(PickupPhase.grace)
    expect(pickupPhase(END, 2, at(2 * DAY))).toBe(PickupPhase.over)
  })

  it('only an order still waiting (confirmed or ready) becomes unclaimed', () => {
    const later = at(3 * DAY)
    expect(isUnclaimedDue(OrderStatus.ready, END, 2, later)).toBe(true)
    expect(isUnclaimedDue(OrderStatus.confirmed, END, 2, later)).toBe(true)
    for (const s of [OrderStatus.pickedUp, OrderStatus.refunded, OrderStatus.cancelled, OrderStatus.paid, OrderStatus.unclaimed]) {
      expect(isUnclaimedDue(s, END, 2, later)).toBe(false)
    }
    expect(isUnclaimedDue(OrderStatus.ready, END, 2, at(DAY))).toBe(false)
  })

  it('for any grace period and any moment, the phases follow each other in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: -10 * DAY, max: 40 * DAY }), (days, offset) => {
        const phase = pickupPhase(END, days, at(offset))
        if (offset < 0) return phase === PickupPhase.window
        return phase === (offset < days * DAY ? PickupPhase.grace : PickupPhase.over)
      }),
    )
  })

  it('an unclaimed order may still be handed out late or refunded, and nothing else', () => {
    expect(nextOrderStatus(OrderStatus.unclaimed, 'pick_up')).toBe(OrderStatus.pickedUp)
    expect(nextOrderStatus(OrderStatus.unclaimed, 'refund')).toBe(OrderStatus.refunded)
    expect(() => nextOrderStatus(OrderStatus.unclaimed, 'cancel')).toThrow()
    expect(() => nextOrderStatus(OrderStatus.unclaimed, 'unclaim')).toThrow()
  })
})

describe('proxy pickup: who may take a delegation', () => {
  const open = { status: 'open' as const, ownerId: 'mei', delegateId: null }

  it('an order waiting for pickup can be delegated; one not yet confirmed or already done cannot', () => {
    expect(canDelegate(OrderStatus.confirmed)).toBe(true)
    expect(canDelegate(OrderStatus.ready)).toBe(true)
    for (const s of [OrderStatus.paid, OrderStatus.pickedUp, OrderStatus.unclaimed, OrderStatus.refunded]) expect(canDelegate(s)).toBe(false)
  })

  it('a neighbour takes an open one; the owner never takes her own; a revoked, taken or spent one is refused', () => {
    expect(acceptRefusal(open, OrderStatus.ready, 'li')).toBeNull()
    expect(acceptRefusal(open, OrderStatus.ready, 'mei')).toBe(DelegationRefusal.own)
    expect(acceptRefusal({ ...open, status: 'revoked' }, OrderStatus.ready, 'li')).toBe(DelegationRefusal.revoked)
    expect(acceptRefusal({ ...open, status: 'accepted', delegateId: 'zhao' }, OrderStatus.ready, 'li')).toBe(DelegationRefusal.taken)
    // the delegate opening it again is fine
    expect(acceptRefusal({ ...open, status: 'accepted', delegateId: 'li' }, OrderStatus.ready, 'li')).toBeNull()
    expect(acceptRefusal({ ...open, status: 'used' }, OrderStatus.pickedUp, 'li')).toBe(DelegationRefusal.spent)
    expect(acceptRefusal(open, OrderStatus.pickedUp, 'li')).toBe(DelegationRefusal.spent)
  })
})

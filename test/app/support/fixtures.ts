import type { DealDetail, DealSummary, Order, PickupPoint, User } from '../../../types/api'

export const NOW = '2026-11-26T02:00:00.000Z'

export const pointA: PickupPoint = {
  id: 'pp-a',
  leaderId: 'u-leader',
  name: '幸福里便利店',
  address: '幸福路12号',
  lat: 30.5,
  lng: 114.3,
  hours: '08:00-21:00',
  contact: '13800000000',
  distanceM: 350,
}

export const pointB: PickupPoint = {
  ...pointA,
  id: 'pp-b',
  name: '阳光小区3栋',
  address: '阳光路8号',
  hours: '09:00-20:00',
  distanceM: 1240,
}

export function dealSummary(over: Partial<DealSummary> = {}): DealSummary {
  return {
    id: 'd-orange',
    status: 'open',
    title: '赣南脐橙 现摘现发',
    product: { name: '赣南脐橙', spec: '5斤/箱', description: '果园直采，酸甜多汁', images: [], category: '水果' },
    listPriceFen: 2990,
    tierBasis: 'people',
    tiers: [
      { threshold: 1, unitPriceFen: 1280 },
      { threshold: 3, unitPriceFen: 990 },
      { threshold: 5, unitPriceFen: 880 },
    ],
    minToSucceed: 3,
    count: 3,
    currentUnitPriceFen: 990,
    nextTier: { threshold: 5, unitPriceFen: 880, remaining: 2 },
    stockUnits: 100,
    soldUnits: 4,
    perUserLimit: 3,
    cutoffAt: '2026-11-26T04:00:00.000Z',
    pickupStart: '2026-11-27T08:00:00.000Z',
    pickupEnd: '2026-11-27T12:00:00.000Z',
    leader: { id: 'u-leader', nickname: '王阿姨' },
    nearestPickupPoint: pointA,
    supplier: null,
    ...over,
  }
}

export function dealDetail(over: Partial<DealDetail> = {}): DealDetail {
  return { ...dealSummary(), pickupPoints: [pointA, pointB], ...over }
}

export const shopper: User = {
  id: 'u-mei',
  handle: 'mei',
  nickname: '小梅',
  avatarUrl: null,
  roles: ['shopper'],
  commissionBps: null,
}

export function order(over: Partial<Order> = {}): Order {
  return {
    id: 'o-1',
    dealId: 'd-orange',
    dealTitle: '赣南脐橙 现摘现发',
    dealStatus: 'open',
    userId: 'u-mei',
    status: 'paid',
    quantity: 2,
    unitPriceFen: 990,
    finalUnitPriceFen: null,
    paidFen: 1980,
    refundFen: 0,
    pickupPointId: 'pp-a',
    pickupCode: '482913',
    inviterId: null,
    createdAt: '2026-11-26T01:00:00.000Z',
    paidAt: '2026-11-26T01:01:00.000Z',
    holdExpiresAt: null,
    refunds: [],
    ...over,
  }
}

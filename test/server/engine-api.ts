import type { FastifyInstance } from 'fastify'
import type { DealInput } from '../../types/api'
import { login } from './helpers'

/** Small HTTP steps the engine stories are told in. */
export type Auth = { authorization: string; userId: string }

let handles = 0
export const person = (app: FastifyInstance, nickname: string, role: 'shopper' | 'leader' = 'shopper') =>
  login(app, `p${process.pid}x${++handles}`, role, nickname)

export async function call(
  app: FastifyInstance,
  auth: Auth | null,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) {
  const res = await app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { ...(auth ? { authorization: auth.authorization } : {}), ...headers },
    ...(payload ? { payload } : {}),
  })
  return { status: res.statusCode, body: res.body ? res.json() : null }
}

export async function newPoint(app: FastifyInstance, leader: Auth, name = '幸福里便利店'): Promise<string> {
  const res = await call(app, leader, 'POST', '/leader/pickup-points', {
    name,
    address: '递铺镇幸福路1号',
    lat: 30.63,
    lng: 119.68,
    hours: '08:00-21:00',
    contact: '13800000000',
  })
  if (res.status !== 201 && res.status !== 200) throw new Error(`pickup point: ${JSON.stringify(res.body)}`)
  return (res.body.pickupPoint ?? res.body).id
}

export function dealInput(now: Date, pointIds: string[], overrides: Partial<DealInput> = {}): DealInput {
  const at = (h: number) => new Date(now.getTime() + h * 3_600_000).toISOString()
  return {
    title: '安吉白茶 明前一级',
    product: { name: '安吉白茶', spec: '50g/罐', description: '明前采摘', images: [], category: 'tea' },
    listPriceFen: 1500,
    tierBasis: 'people',
    tiers: [
      { threshold: 1, unitPriceFen: 1280 },
      { threshold: 3, unitPriceFen: 990 },
      { threshold: 5, unitPriceFen: 880 },
    ],
    minToSucceed: 2,
    stockUnits: null,
    perUserLimit: null,
    cutoffAt: at(24),
    pickupStart: at(48),
    pickupEnd: at(52),
    pickupPointIds: pointIds,
    ...overrides,
  }
}

/** Draft and publish; returns the deal id. */
export async function openDeal(app: FastifyInstance, leader: Auth, input: DealInput): Promise<string> {
  const created = await call(app, leader, 'POST', '/leader/deals', input)
  if (created.status !== 201) throw new Error(`create deal: ${JSON.stringify(created.body)}`)
  const published = await call(app, leader, 'POST', `/leader/deals/${created.body.deal.id}/publish`)
  if (published.status !== 200) throw new Error(`publish: ${JSON.stringify(published.body)}`)
  return created.body.deal.id
}

let keys = 0
export async function joinAndPay(
  app: FastifyInstance,
  shopper: Auth,
  dealId: string,
  body: { quantity: number; pickupPointId: string; inviteCode?: string },
) {
  const joined = await call(app, shopper, 'POST', `/deals/${dealId}/orders`, body, { 'idempotency-key': `k-${process.pid}-${++keys}-${Date.now()}` })
  if (joined.status !== 201) throw new Error(`join: ${JSON.stringify(joined.body)}`)
  const paid = await call(app, shopper, 'POST', `/orders/${joined.body.order.id}/pay`)
  if (paid.status !== 200) throw new Error(`pay: ${JSON.stringify(paid.body)}`)
  return { joined: joined.body.order, order: paid.body.order }
}

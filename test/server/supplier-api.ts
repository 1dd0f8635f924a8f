import type { FastifyInstance } from 'fastify'
import type { SupplierDealInput } from '../../types/api'
import { login } from './helpers'
import { call, type Auth } from './engine-api'

/** Small HTTP steps the supplier stories are told in. */
let handles = 0

export const admin = (app: FastifyInstance) => login(app, `admin${process.pid}x${++handles}`, 'admin', '运营')

export function application(name: string, over: Record<string, unknown> = {}) {
  return { name, contactName: '李经理', phone: '13900000001', depotAddress: '递铺镇果蔬批发市场8号', depotLat: 30.64, depotLng: 119.69, ...over }
}

/** A person who applied and was approved: a supplier with its id. */
export async function approvedSupplier(app: FastifyInstance, boss: Auth, name: string): Promise<Auth & { supplierId: string }> {
  const person = await login(app, `sup${process.pid}x${++handles}`, 'shopper', name)
  const applied = await call(app, person, 'POST', '/supplier-applications', application(name))
  if (applied.status !== 201) throw new Error(`apply: ${JSON.stringify(applied.body)}`)
  const approved = await call(app, boss, 'POST', `/admin/suppliers/${applied.body.supplier.id}/approve`)
  if (approved.status !== 200) throw new Error(`approve: ${JSON.stringify(approved.body)}`)
  return { ...person, supplierId: applied.body.supplier.id }
}

const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

export function supplierDealInput(now: Date, overrides: Partial<SupplierDealInput> = {}): SupplierDealInput {
  const at = (h: number) => new Date(now.getTime() + h * 3_600_000).toISOString()
  return {
    title: '山前蜜桔 产地直发',
    product: { name: '蜜桔', spec: '5斤/箱', description: '合作社直供', images: [], category: '水果' },
    listPriceFen: 3000,
    tierBasis: 'people',
    tiers: [
      { threshold: 1, unitPriceFen: 2500 },
      { threshold: 3, unitPriceFen: 2000 },
      { threshold: 10, unitPriceFen: 1800 },
    ],
    minToSucceed: 2,
    stockUnits: null,
    perUserLimit: null,
    cutoffAt: at(24),
    pickupStart: at(48),
    pickupEnd: at(52),
    commissionBps: 1000,
    deliveryDate: shanghaiDay(new Date(now.getTime() + 40 * 3_600_000)),
    ...overrides,
  }
}

/** Draft and publish a supplier deal; returns its id. */
export async function openSupplierDeal(app: FastifyInstance, supplier: Auth, input: SupplierDealInput): Promise<string> {
  const created = await call(app, supplier, 'POST', '/supplier/deals', input)
  if (created.status !== 201) throw new Error(`create supplier deal: ${JSON.stringify(created.body)}`)
  const published = await call(app, supplier, 'POST', `/supplier/deals/${created.body.deal.id}/publish`)
  if (published.status !== 200) throw new Error(`publish: ${JSON.stringify(published.body)}`)
  return created.body.deal.id
}

export async function optIn(app: FastifyInstance, leader: Auth, dealId: string, pickupPointId: string) {
  return call(app, leader, 'POST', `/leader/supplier-deals/${dealId}/points`, { pickupPointId })
}

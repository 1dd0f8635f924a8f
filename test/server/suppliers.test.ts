import { login, startTestApp, type TestApp } from './helpers'
import { call, dealInput, newPoint, openDeal, person, type Auth } from './engine-api'
import { admin, application, approvedSupplier, openSupplierDeal, optIn, supplierDealInput } from './supplier-api'

// a fresh PostgreSQL schema and its migrations can take a while on a busy machine
jest.setTimeout(30_000)

let t: TestApp
let boss: Auth
beforeAll(async () => {
  t = await startTestApp()
  boss = await admin(t.app)
})
afterAll(() => t.close())

let handles = 0
const someone = (nickname: string) => login(t.app, `s-${process.pid}-${++handles}`, 'shopper', nickname)
const dealRow = (id: string) => t.ctx.db.selectFrom('deals').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

describe('a supplier applies and the operator answers', () => {
  it('applies, is approved: gains the supplier role, a message, an audit entry; a second review is refused', async () => {
    const farmer = await someone('老周')
    const applied = await call(t.app, farmer, 'POST', '/supplier-applications', application('山前果蔬合作社'))
    expect(applied.status).toBe(201)
    expect(applied.body.supplier).toMatchObject({ name: '山前果蔬合作社', status: 'pending', suspended: false, depotLat: 30.64 })
    const id = applied.body.supplier.id

    // one application at a time; a shopper cannot review; the operator sees it pending
    expect((await call(t.app, farmer, 'POST', '/supplier-applications', application('又一个'))).body.error.code).toBe('APPLICATION_PENDING')
    expect((await call(t.app, farmer, 'POST', `/admin/suppliers/${id}/approve`)).status).toBe(403)
    const pending = await call(t.app, boss, 'GET', '/admin/suppliers?status=pending')
    expect(pending.body.suppliers.map((s: { id: string }) => s.id)).toContain(id)
    // not yet a supplier: the console is closed
    expect((await call(t.app, farmer, 'GET', '/supplier/deals')).status).toBe(403)

    const approved = await call(t.app, boss, 'POST', `/admin/suppliers/${id}/approve`)
    expect(approved.status).toBe(200)
    expect(approved.body.supplier).toMatchObject({ status: 'approved', rejectReason: null })
    expect((await call(t.app, farmer, 'GET', '/me')).body.roles).toContain('supplier')
    expect((await call(t.app, farmer, 'GET', '/me/supplier')).body.supplier).toMatchObject({ id, status: 'approved' })
    const messages = await call(t.app, farmer, 'GET', '/me/messages')
    expect(messages.body.messages[0]).toMatchObject({ kind: 'supplier_application_approved', title: '供货商申请已通过' })
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('target_id', '=', id).execute()
    expect(audit).toEqual([expect.objectContaining({ action: 'supplier.approve', actor_id: boss.userId, target_kind: 'supplier' })])
    expect((await call(t.app, farmer, 'GET', '/supplier/deals')).status).toBe(200)

    const again = await call(t.app, boss, 'POST', `/admin/suppliers/${id}/reject`, { reason: '晚了' })
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'ALREADY_REVIEWED' } } })
    expect((await call(t.app, farmer, 'POST', '/supplier-applications', application('再来'))).body.error.code).toBe('ALREADY_SUPPLIER')
  })

  it('is rejected with a reason the applicant reads, and may apply again', async () => {
    const trader = await someone('小钱')
    const { body } = await call(t.app, trader, 'POST', '/supplier-applications', application('城南粮油'))
    const rejected = await call(t.app, boss, 'POST', `/admin/suppliers/${body.supplier.id}/reject`, { reason: '请补充营业执照' })
    expect(rejected.body.supplier).toMatchObject({ status: 'rejected', rejectReason: '请补充营业执照' })
    expect((await call(t.app, trader, 'GET', '/me')).body.roles).not.toContain('supplier')
    const messages = await call(t.app, trader, 'GET', '/me/messages')
    expect(messages.body.messages[0]).toMatchObject({ kind: 'supplier_application_rejected', facts: { note: '请补充营业执照' } })
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('target_id', '=', body.supplier.id).execute()
    expect(audit.map((a) => a.action)).toEqual(['supplier.reject'])

    const again = await call(t.app, trader, 'POST', '/supplier-applications', application('城南粮油批发'))
    expect(again.status).toBe(201)
    expect(again.body.supplier).toMatchObject({ id: body.supplier.id, name: '城南粮油批发', status: 'pending', rejectReason: null })
  })

  it('refuses a bad phone, a depot without numbers, and an empty reason', async () => {
    const who = await someone('某人')
    expect((await call(t.app, who, 'POST', '/supplier-applications', application('甲', { phone: '1234567890a' }))).status).toBe(400)
    expect((await call(t.app, who, 'POST', '/supplier-applications', application('甲', { depotLat: null }))).status).toBe(400)
    expect((await call(t.app, who, 'POST', '/supplier-applications', application('甲', { depotLng: 500 }))).status).toBe(400)
    expect((await call(t.app, who, 'GET', '/me/supplier')).body.supplier).toBeNull()
    const ok = await call(t.app, who, 'POST', '/supplier-applications', application('乙'))
    expect((await call(t.app, boss, 'POST', `/admin/suppliers/${ok.body.supplier.id}/reject`, { reason: '   ' })).status).toBe(400)
    expect((await call(t.app, who, 'GET', '/me/supplier')).body.supplier.status).toBe('pending')
  })

  it('edits its profile', async () => {
    const s = await approvedSupplier(t.app, boss, '东山茶园')
    const res = await call(t.app, s, 'PATCH', '/supplier/profile', { depotAddress: '东山村1号', depotLat: 30.7, depotLng: 119.7 })
    expect(res.body.supplier).toMatchObject({ name: '东山茶园', depotAddress: '东山村1号', depotLat: 30.7 })
    expect((await call(t.app, await someone('路人'), 'PATCH', '/supplier/profile', { name: 'x' })).status).toBe(404)
  })
})

describe("a supplier's deals", () => {
  it('drafts without points, edits, publishes; the leader rules and its own rules refuse bad input', async () => {
    const s = await approvedSupplier(t.app, boss, '山前果蔬合作社')
    const now = t.clock.now()
    const draft = await call(t.app, s, 'POST', '/supplier/deals', supplierDealInput(now))
    expect(draft.status).toBe(201)
    expect(draft.body.deal).toMatchObject({
      status: 'draft',
      commissionBps: 1000,
      supplier: { id: s.supplierId, name: '山前果蔬合作社' },
      points: [],
    })

    // the same domain rules as a leader's deal, the same codes
    const badTiers = supplierDealInput(now, { tiers: [{ threshold: 1, unitPriceFen: 3500 }] })
    expect((await call(t.app, s, 'POST', '/supplier/deals', badTiers)).body.error.code).toBe('INVALID_TIERS')
    const past = supplierDealInput(now, { cutoffAt: new Date(now.getTime() - 60_000).toISOString() })
    expect((await call(t.app, s, 'POST', '/supplier/deals', past)).body.error.code).toBe('CUTOFF_IN_PAST')
    // its own: a commission of 0-30%, a delivery day on or after the cutoff's (Shanghai) day
    expect((await call(t.app, s, 'POST', '/supplier/deals', supplierDealInput(now, { commissionBps: 3001 }))).status).toBe(400)
    expect((await call(t.app, s, 'POST', '/supplier/deals', supplierDealInput(now, { commissionBps: -1 }))).status).toBe(400)
    const early = await call(t.app, s, 'POST', '/supplier/deals', supplierDealInput(now, { deliveryDate: '2026-11-25' }))
    expect(early.body.error.code).toBe('INVALID_DELIVERY_DATE')
    expect((await call(t.app, s, 'POST', '/supplier/deals', supplierDealInput(now, { deliveryDate: '2026-02-30' }))).body.error.code).toBe(
      'INVALID_DELIVERY_DATE',
    )
    // leaders opt their points in: a supplier deal names none
    expect((await call(t.app, s, 'POST', '/supplier/deals', { ...supplierDealInput(now), pickupPointIds: ['x'] })).status).toBe(400)

    const id = draft.body.deal.id
    const edited = await call(t.app, s, 'PATCH', `/supplier/deals/${id}`, { commissionBps: 1500, product: { spec: '10斤/箱' } })
    expect(edited.body.deal).toMatchObject({ commissionBps: 1500, product: { name: '蜜桔', spec: '10斤/箱' } })
    expect((await call(t.app, s, 'PATCH', `/supplier/deals/${id}`, { commissionBps: 5000 })).status).toBe(400)

    const published = await call(t.app, s, 'POST', `/supplier/deals/${id}/publish`)
    expect(published.body.deal.status).toBe('open')
    expect((await call(t.app, s, 'PATCH', `/supplier/deals/${id}`, { title: '改' })).body.error.code).toBe('DEAL_NOT_DRAFT')
    const list = await call(t.app, s, 'GET', '/supplier/deals')
    expect(list.body.deals).toEqual([expect.objectContaining({ id, status: 'open', pointCount: 0, orderCount: 0, commissionBps: 1500 })])
    const row = await dealRow(id)
    expect(row).toMatchObject({ leader_id: s.userId, supplier_id: s.supplierId, commission_bps: 1500 })
  })

  it("another supplier touching a supplier's deal hears 404 and changes nothing; a shopper is refused", async () => {
    const mine = await approvedSupplier(t.app, boss, '甲合作社')
    const other = await approvedSupplier(t.app, boss, '乙批发')
    const draft = await call(t.app, mine, 'POST', '/supplier/deals', supplierDealInput(t.clock.now()))
    const id = draft.body.deal.id
    const before = await dealRow(id)
    expect((await call(t.app, other, 'GET', `/supplier/deals/${id}`)).status).toBe(404)
    expect((await call(t.app, other, 'PATCH', `/supplier/deals/${id}`, { title: '抢来的' })).status).toBe(404)
    expect((await call(t.app, other, 'POST', `/supplier/deals/${id}/publish`)).status).toBe(404)
    expect((await call(t.app, other, 'POST', `/supplier/deals/${id}/cancel`)).status).toBe(404)
    expect((await call(t.app, other, 'GET', '/supplier/deals')).body.deals).toEqual([])
    expect((await call(t.app, await someone('顾客'), 'POST', `/supplier/deals/${id}/publish`)).status).toBe(403)
    // nor may a leader's console touch it
    const leader = await person(t.app, '王阿姨', 'leader')
    expect((await call(t.app, leader, 'POST', `/leader/deals/${id}/publish`)).status).toBe(404)
    expect(await dealRow(id)).toEqual(before)
  })

  it('a suspended supplier (its row or its person) cannot publish', async () => {
    const s = await approvedSupplier(t.app, boss, '暂停的')
    const draft = await call(t.app, s, 'POST', '/supplier/deals', supplierDealInput(t.clock.now()))
    await t.ctx.db.updateTable('users').set({ suspended_at: t.clock.now().toISOString() }).where('id', '=', s.userId).execute()
    expect(await call(t.app, s, 'POST', `/supplier/deals/${draft.body.deal.id}/publish`)).toMatchObject({
      status: 403,
      body: { error: { code: 'ACCOUNT_SUSPENDED' } },
    })
    expect((await call(t.app, s, 'POST', '/supplier/deals', supplierDealInput(t.clock.now()))).status).toBe(403)
    await t.ctx.db.updateTable('users').set({ suspended_at: null }).where('id', '=', s.userId).execute()
    await t.ctx.db.updateTable('suppliers').set({ status: 'suspended' }).where('id', '=', s.supplierId).execute()
    expect((await call(t.app, s, 'POST', `/supplier/deals/${draft.body.deal.id}/publish`)).body.error.code).toBe('ACCOUNT_SUSPENDED')
    expect((await call(t.app, s, 'GET', `/supplier/deals/${draft.body.deal.id}`)).body.deal.status).toBe('draft')
    expect((await dealRow(draft.body.deal.id)).status).toBe('draft')
  })

  it('cancels before cutoff: every point’s paid orders are refunded', async () => {
    const s = await approvedSupplier(t.app, boss, '会取消的')
    const leader = await person(t.app, '李姐', 'leader')
    const point = await newPoint(t.app, leader, '李姐的店')
    const id = await openSupplierDeal(t.app, s, supplierDealInput(t.clock.now()))
    await optIn(t.app, leader, id, point)
    const shopper = await person(t.app, '小梅')
    const joined = await call(t.app, shopper, 'POST', `/deals/${id}/orders`, { quantity: 1, pickupPointId: point }, { 'idempotency-key': 'cancel-1' })
    await call(t.app, shopper, 'POST', `/orders/${joined.body.order.id}/pay`)
    const cancelled = await call(t.app, s, 'POST', `/supplier/deals/${id}/cancel`)
    expect(cancelled.body.deal.status).toBe('cancelled')
    const order = await call(t.app, shopper, 'GET', `/orders/${joined.body.order.id}`)
    expect(order.body.order.status).toBe('refunded')
  })
})

describe('what shoppers see', () => {
  it('a supplier deal shows at every opted-in point, nearest first, naming its supplier; one sold nowhere is not listed', async () => {
    const s = await approvedSupplier(t.app, boss, '城南粮油批发')
    const north = await person(t.app, '北门团长', 'leader')
    const south = await person(t.app, '南门团长', 'leader')
    const northPoint = (
      await call(t.app, north, 'POST', '/leader/pickup-points', {
        name: '北门店',
        address: '北门1号',
        lat: 30.7,
        lng: 119.68,
        hours: '08:00-20:00',
        contact: '13800000001',
      })
    ).body
    const southPoint = (
      await call(t.app, south, 'POST', '/leader/pickup-points', {
        name: '南门店',
        address: '南门1号',
        lat: 30.5,
        lng: 119.68,
        hours: '08:00-20:00',
        contact: '13800000002',
      })
    ).body
    const nowhere = await openSupplierDeal(t.app, s, supplierDealInput(t.clock.now(), { title: '没人帮卖的米' }))
    const id = await openSupplierDeal(t.app, s, supplierDealInput(t.clock.now(), { title: '五常大米 10斤' }))
    expect((await optIn(t.app, north, id, (northPoint.pickupPoint ?? northPoint).id)).status).toBe(200)
    expect((await optIn(t.app, south, id, (southPoint.pickupPoint ?? southPoint).id)).status).toBe(200)

    const nearSouth = await call(t.app, null, 'GET', `/deals/${id}?lat=30.51&lng=119.68`)
    expect(nearSouth.body.deal.supplier).toEqual({ id: s.supplierId, name: '城南粮油批发' })
    expect(nearSouth.body.deal.pickupPoints.map((p: { name: string }) => p.name)).toEqual(['南门店', '北门店'])
    const nearNorth = await call(t.app, null, 'GET', `/deals?lat=30.69&lng=119.68&limit=60`)
    const listed = nearNorth.body.deals.find((d: { id: string }) => d.id === id)
    expect(listed).toMatchObject({ supplier: { name: '城南粮油批发' }, nearestPickupPoint: { name: '北门店' } })
    expect(nearNorth.body.deals.some((d: { id: string }) => d.id === nowhere)).toBe(false)
    const everywhere = await call(t.app, null, 'GET', '/deals?limit=60')
    expect(everywhere.body.deals.some((d: { id: string }) => d.id === nowhere)).toBe(false)
    expect(everywhere.body.deals.some((d: { id: string }) => d.id === id)).toBe(true)

    // a leader's own deal says it has no supplier
    const own = await openDeal(t.app, north, dealInput(t.clock.now(), [(northPoint.pickupPoint ?? northPoint).id]))
    expect((await call(t.app, null, 'GET', `/deals/${own}`)).body.deal.supplier).toBeNull()
  })
})

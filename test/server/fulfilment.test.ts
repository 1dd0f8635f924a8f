import { haversineM, shanghaiDate } from '../../src/domain'
import { startTestApp, type TestApp } from './helpers'
import { call, dealInput, joinAndPay, person, type Auth } from './engine-api'

// a fresh PostgreSQL schema and its migrations can take a while on a busy machine
jest.setTimeout(90_000)

/**
 * After cutoff, a supplier's day: 山前果蔬合作社 sells 阳山水蜜桃 at 王阿姨's two points and 李姐's
 * one (she opted hers in), and 五常大米 at one point of each. The supplier reads the purchase order,
 * the packing lists and the route, delivers stop by stop; each leader counts what arrived.
 */

let t: TestApp
let supplier: Auth
let wang: Auth
let li: Auth
let supplierId: string
let peach: string
let rice: string
let date: string
// east of the depot along one street: 王阿姨's shop (2 km), 王阿姨's school (4 km), 李姐's gate (6 km)
const DEPOT = { lat: 30.6, lng: 119.6 }
let shop: string
let school: string
let gate: string
const shoppers: Record<string, Auth> = {}
const orders: Record<string, string> = {}

const db = () => t.ctx.db

async function loginAs(handle: string, nickname: string, role: 'supplier' | 'shopper' = 'supplier'): Promise<Auth> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/dev-login', payload: { handle, role, nickname } })
  return { authorization: `Bearer ${res.json().token}`, userId: res.json().user.id }
}

/** A supplier (approved) straight into the schema: SUPPLIERS' application flow is tested on its own. */
async function makeSupplier(auth: Auth, id: string, name: string) {
  const nowIso = t.clock.now().toISOString()
  await db()
    .insertInto('suppliers')
    .values({
      id,
      user_id: auth.userId,
      name,
      contact_name: '陈经理',
      phone: '13900000000',
      depot_address: '递铺镇果蔬批发市场',
      depot_lat: DEPOT.lat,
      depot_lng: DEPOT.lng,
      status: 'approved',
      reject_reason: null,
      reviewed_by: null,
      reviewed_at: null,
      created_at: nowIso,
      updated_at: nowIso,
    })
    .execute()
}

async function pointAt(leader: Auth, name: string, lng: number): Promise<string> {
  const res = await call(t.app, leader, 'POST', '/leader/pickup-points', {
    name,
    address: `递铺镇${name}`,
    lat: DEPOT.lat,
    lng,
    hours: '08:00-21:00',
    contact: '13800000000',
  })
  return (res.body.pickupPoint ?? res.body).id
}

/**
 * A supplier deal: opened by the first point's leader through the ordinary path, then made the
 * supplier's through the schema (supplier_id, its user as owner, commission, delivery day) with
 * every point opted in by its own leader.
 */
async function supplierDeal(
  title: string,
  points: { id: string; leader: Auth }[],
  tiers = [
    { threshold: 1, unitPriceFen: 1280 },
    { threshold: 5, unitPriceFen: 880 },
  ],
) {
  const listPriceFen = Math.max(1500, tiers[0].unitPriceFen + 1000)
  const input = dealInput(t.clock.now(), [points[0].id], { title, tiers, minToSucceed: 2, listPriceFen })
  const created = await call(t.app, points[0].leader, 'POST', '/leader/deals', input)
  if (created.status !== 201) throw new Error(JSON.stringify(created.body))
  const id = created.body.deal.id as string
  expect((await call(t.app, points[0].leader, 'POST', `/leader/deals/${id}/publish`)).status).toBe(200)
  await db()
    .updateTable('deals')
    .set({ supplier_id: supplierId, leader_id: supplier.userId, commission_bps: 1000, delivery_date: date })
    .where('id', '=', id)
    .execute()
  const nowIso = t.clock.now().toISOString()
  await db().deleteFrom('deal_pickup_points').where('deal_id', '=', id).execute()
  await db()
    .insertInto('deal_pickup_points')
    .values(points.map((p) => ({ deal_id: id, pickup_point_id: p.id, opted_in_by: p.leader.userId, opted_in_at: nowIso })))
    .execute()
  return id
}

async function join(name: string, dealId: string, pointId: string, quantity: number) {
  shoppers[name] ??= await person(t.app, name)
  const { order } = await joinAndPay(t.app, shoppers[name], dealId, { quantity, pickupPointId: pointId })
  orders[`${name}:${dealId}`] = order.id
  // each join a minute after the last: the shortage rule goes by when they joined
  t.clock.advance(60_000)
  return order.id as string
}

const orderRow = (id: string) => db().selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const shortageRefunds = () => db().selectFrom('refunds').selectAll().where('reason', '=', 'shortage').orderBy('order_id').execute()
const messagesOf = async (who: Auth) =>
  (await call(t.app, who, 'GET', '/me/messages')).body.messages as { kind: string; body: string; facts: Record<string, unknown>; orderId: string }[]

beforeAll(async () => {
  t = await startTestApp()
  supplier = await loginAs(`sup${process.pid}`, '陈经理')
  supplierId = `sup-${process.pid}`
  await makeSupplier(supplier, supplierId, '山前果蔬合作社')
  wang = await person(t.app, '王阿姨', 'leader')
  li = await person(t.app, '李姐', 'leader')
  // listed out of order on purpose: the route sorts them
  gate = await pointAt(li, '东门岗亭', 119.6 + 0.06)
  shop = await pointAt(wang, '幸福里便利店', 119.6 + 0.02)
  school = await pointAt(wang, '学校门口', 119.6 + 0.04)
  date = shanghaiDate(new Date(t.clock.now().getTime() + 30 * 3_600_000).toISOString())

  peach = await supplierDeal('阳山水蜜桃 6只装', [
    { id: shop, leader: wang },
    { id: school, leader: wang },
    { id: gate, leader: li },
  ])
  rice = await supplierDeal(
    '五常大米 5kg',
    [
      { id: shop, leader: wang },
      { id: gate, leader: li },
    ],
    [{ threshold: 1, unitPriceFen: 4990 }],
  )
  // the shop: 张小梅 2 peaches first, then 李兰 1, then 赵芳 1; the school: 孙丽 3; the gate: 周敏 1
  await join('张小梅', peach, shop, 2)
  await join('李兰', peach, shop, 1)
  await join('赵芳', peach, shop, 1)
  await join('孙丽', peach, school, 3)
  await join('周敏', peach, gate, 1)
  await join('张小梅', rice, shop, 1)
  await join('周敏', rice, gate, 2)
  // past the cutoff: the supplier's first read settles both deals
  t.clock.advance(25 * 3_600_000)
})
afterAll(() => t.close())

describe('the supplier after cutoff: purchase order, packing lists, route', () => {
  it('the purchase order totals units per product over every point, priced at the frozen supplier price', async () => {
    const res = await call(t.app, supplier, 'GET', `/supplier/purchase-orders?date=${date}`)
    expect(res.status).toBe(200)
    // five shoppers joined the peaches: the 5-people tier (8.80) for everyone, at every point
    const peachPrice = (await orderRow(orders[`孙丽:${peach}`])).supplier_unit_price_fen!
    const ricePrice = (await orderRow(orders[`周敏:${rice}`])).supplier_unit_price_fen!
    expect((await orderRow(orders[`周敏:${peach}`])).final_unit_price_fen).toBe(880)
    expect(peachPrice).toBeGreaterThan(0)
    expect(peachPrice).toBeLessThan(880)
    expect(res.body.supplier).toEqual({ id: supplierId, name: '山前果蔬合作社' })
    expect(res.body.lines).toEqual([
      expect.objectContaining({
        dealId: peach,
        status: 'succeeded',
        units: 8,
        orders: 5,
        points: 3,
        supplierUnitPriceFen: peachPrice,
        amountFen: 8 * peachPrice,
      }),
      expect.objectContaining({
        dealId: rice,
        status: 'succeeded',
        units: 3,
        orders: 2,
        points: 2,
        supplierUnitPriceFen: ricePrice,
        amountFen: 3 * ricePrice,
      }),
    ])
    expect(res.body.totalUnits).toBe(11)
    expect(res.body.totalFen).toBe(8 * peachPrice + 3 * ricePrice)
    // another day has nothing to buy in
    expect((await call(t.app, supplier, 'GET', '/supplier/purchase-orders?date=2030-01-01')).body.lines).toEqual([])
  })

  it('the packing lists say per point what to pack, for whom, and come as CSV for a spreadsheet', async () => {
    const res = await call(t.app, supplier, 'GET', `/supplier/packing-lists?date=${date}`)
    const byName = Object.fromEntries(res.body.points.map((p: { pickupPoint: { name: string } }) => [p.pickupPoint.name, p]))
    expect(byName['幸福里便利店']).toMatchObject({
      leader: { nickname: '王阿姨' },
      pickupPoint: { contact: '13800000000' },
      products: [
        { dealId: peach, units: 4, orders: 3 },
        { dealId: rice, units: 1, orders: 1 },
      ],
      totalUnits: 5,
      shoppers: 3,
      delivered: false,
    })
    expect(byName['学校门口']).toMatchObject({ products: [{ dealId: peach, units: 3 }], shoppers: 1 })
    expect(byName['东门岗亭']).toMatchObject({ leader: { nickname: '李姐' }, totalUnits: 3, shoppers: 1 })

    const csv = await t.app.inject({
      method: 'GET',
      url: `/api/v1/supplier/packing-lists?date=${date}&format=csv`,
      headers: { authorization: supplier.authorization },
    })
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toMatch(/^text\/csv/)
    expect(csv.body.startsWith('\uFEFF自提点') || csv.body.startsWith('\uFEFF配送日')).toBe(true)
    const lines = csv.body.trim().split('\r\n')
    // a row per point and product: the shop and the gate have both products, the school the peaches
    expect(lines).toHaveLength(1 + 5)
    expect(
      lines
        .find((l) => l.includes('幸福里便利店') && l.includes('阳山水蜜桃'))
        ?.split(',')
        .slice(-3),
    ).toEqual(['4', '3', '3'])
    const en = await t.app.inject({
      method: 'GET',
      url: `/api/v1/supplier/packing-lists?date=${date}&format=csv&lang=en`,
      headers: { authorization: supplier.authorization },
    })
    expect(en.body.split('\r\n')[0]).toContain('Pickup point')
  })

  it('the route drives from the depot down the street, with legs that add up (an open path)', async () => {
    const res = await call(t.app, supplier, 'GET', `/supplier/route?date=${date}`)
    expect(res.body.depot).toEqual({ address: '递铺镇果蔬批发市场', lat: DEPOT.lat, lng: DEPOT.lng })
    const stops = res.body.stops as {
      sequence: number
      pickupPoint: { id: string; lat: number; lng: number }
      legM: number
      cumulativeM: number
      units: number
    }[]
    expect(stops.map((s) => s.pickupPoint.id)).toEqual([shop, school, gate])
    expect(stops.map((s) => s.sequence)).toEqual([1, 2, 3])
    expect(stops.map((s) => s.units)).toEqual([5, 3, 3])
    expect(stops[0].legM).toBe(haversineM(DEPOT, stops[0].pickupPoint))
    expect(stops[1].legM).toBe(haversineM(stops[0].pickupPoint, stops[1].pickupPoint))
    // about 1.9 km a leg at this latitude, and no way back
    for (const s of stops) expect(Math.abs(s.legM - 1936)).toBeLessThan(30)
    expect(res.body.totalM).toBe(stops.reduce((sum, s) => sum + s.legM, 0))
    expect(stops.at(-1)!.cumulativeM).toBe(res.body.totalM)
  })

  it("is the supplier's own: another supplier sees no stops and cannot deliver them; a shopper is refused", async () => {
    const other = await loginAs(`sup2${process.pid}`, '钱老板')
    await makeSupplier(other, `sup2-${process.pid}`, '万家粮油批发')
    expect((await call(t.app, other, 'GET', `/supplier/route?date=${date}`)).body.stops).toEqual([])
    expect((await call(t.app, other, 'GET', `/supplier/purchase-orders?date=${date}`)).body.lines).toEqual([])
    const stolen = await call(t.app, other, 'POST', '/supplier/deliveries', { date, pickupPointId: shop })
    expect([stolen.status, stolen.body.error.code]).toEqual([404, 'NOT_FOUND'])
    expect((await call(t.app, wang, 'GET', `/supplier/route?date=${date}`)).status).toBe(403)
    expect((await db().selectFrom('deliveries').selectAll().execute()).length).toBe(0)
  })
})

describe('delivery and receipt: a shortage refunds the last to join', () => {
  it('a receipt before the delivery is refused', async () => {
    const early = await call(t.app, wang, 'POST', '/leader/receipts', { dealId: peach, pickupPointId: shop, receivedUnits: 4, spoiledUnits: 0 })
    expect([early.status, early.body.error.code]).toEqual([409, 'NOT_DELIVERED'])
  })

  it('the supplier marks a stop delivered (twice: the same delivery), packed with the point’s units', async () => {
    const first = await call(t.app, supplier, 'POST', '/supplier/deliveries', { date, pickupPointId: shop })
    expect(first.status).toBe(200)
    expect(first.body.deliveries.map((d: { dealId: string; packedUnits: number }) => [d.dealId, d.packedUnits]).sort()).toEqual(
      [
        [peach, 4],
        [rice, 1],
      ].sort(),
    )
    t.clock.advance(60_000)
    const again = await call(t.app, supplier, 'POST', '/supplier/deliveries', { date, pickupPointId: shop })
    expect(again.body.deliveries).toEqual(first.body.deliveries)
    const stops = (await call(t.app, supplier, 'GET', `/supplier/route?date=${date}`)).body.stops
    expect(stops.map((s: { delivered: boolean }) => s.delivered)).toEqual([true, false, false])
    // 王阿姨 sees both waiting for her count
    const waiting = (await call(t.app, wang, 'GET', `/leader/receipts?date=${date}`)).body.receipts
    expect(waiting.map((r: { dealId: string; packedUnits: number; receipt: null }) => [r.dealId, r.packedUnits, r.receipt]).sort()).toEqual(
      [
        [peach, 4, null],
        [rice, 1, null],
      ].sort(),
    )
  })

  it("another leader cannot record a receipt at 王阿姨's point; more than packed is 400; nothing changes", async () => {
    const stranger = await call(t.app, li, 'POST', '/leader/receipts', { dealId: peach, pickupPointId: shop, receivedUnits: 4, spoiledUnits: 0 })
    expect(stranger.status).toBe(404)
    const shopper = await call(t.app, shoppers['张小梅'], 'POST', '/leader/receipts', {
      dealId: peach,
      pickupPointId: shop,
      receivedUnits: 4,
      spoiledUnits: 0,
    })
    expect(shopper.status).toBe(404)
    const over = await call(t.app, wang, 'POST', '/leader/receipts', { dealId: peach, pickupPointId: shop, receivedUnits: 3, spoiledUnits: 2 })
    expect([over.status, over.body.error.code]).toEqual([400, 'RECEIPT_OVER_PACKED'])
    const negative = await call(t.app, wang, 'POST', '/leader/receipts', { dealId: peach, pickupPointId: shop, receivedUnits: -1, spoiledUnits: 0 })
    expect(negative.status).toBe(400)
    expect(await db().selectFrom('receipts').selectAll().execute()).toEqual([])
    expect(await shortageRefunds()).toEqual([])
    expect((await orderRow(orders[`张小梅:${peach}`])).status).toBe('confirmed')
  })

  it('two peaches short at the shop: 赵芳 and 李兰 (the last two to join) get one back each, 张小梅 keeps hers', async () => {
    const res = await call(t.app, wang, 'POST', '/leader/receipts', {
      dealId: peach,
      pickupPointId: shop,
      receivedUnits: 2,
      spoiledUnits: 0,
      note: '少了两盒',
    })
    expect(res.status).toBe(200)
    expect(res.body.receipt).toMatchObject({
      expectedUnits: 4,
      receivedUnits: 2,
      missingUnits: 2,
      spoiledUnits: 0,
      note: '少了两盒',
      refundedOrders: 2,
      refundFen: 2 * 880,
      readyOrders: 1,
    })
    const refunds = await shortageRefunds()
    expect(refunds.map((r) => [r.order_id, r.amount_fen, r.source]).sort()).toEqual(
      [
        [orders[`李兰:${peach}`], 880, `${peach}:${shop}`],
        [orders[`赵芳:${peach}`], 880, `${peach}:${shop}`],
      ].sort(),
    )
    // they bought one each and lost it: refunded, nothing to collect; 张小梅's two are ready
    expect((await orderRow(orders[`李兰:${peach}`])).status).toBe('refunded')
    expect((await orderRow(orders[`赵芳:${peach}`])).status).toBe('refunded')
    expect((await orderRow(orders[`张小梅:${peach}`])).status).toBe('ready')
    // the rice at the same shop is untouched (its own receipt)
    expect((await orderRow(orders[`张小梅:${rice}`])).status).toBe('confirmed')
    for (const name of ['李兰', '赵芳']) {
      const short = (await messagesOf(shoppers[name])).filter((m) => m.kind === 'shortage_refunded')
      expect(short).toHaveLength(1)
      expect(short[0]).toMatchObject({
        orderId: orders[`${name}:${peach}`],
        facts: { deal: '阳山水蜜桃 6只装', point: '幸福里便利店', amountFen: 880, note: '1' },
      })
      expect(short[0].body).toContain('少了 1 件')
      // and on the order itself: the shortage refund beside the price difference
      const order = (await call(t.app, shoppers[name], 'GET', `/orders/${orders[`${name}:${peach}`]}`)).body.order
      expect(order.status).toBe('refunded')
      expect(order.refunds).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'shortage', amountFen: 880 })]))
      expect(order.refundFen).toBe(order.paidFen)
    }
    expect((await messagesOf(shoppers['张小梅'])).some((m) => m.kind === 'shortage_refunded')).toBe(false)
    expect((await messagesOf(shoppers['张小梅'])).some((m) => m.kind === 'goods_arrived')).toBe(true)

    // the supplier is credited the two kept, at the frozen supplier price
    const price = (await orderRow(orders[`张小梅:${peach}`])).supplier_unit_price_fen!
    const payable = await db().selectFrom('ledger_transactions').selectAll().where('dedupe_key', '=', `supplier_payable:${peach}:${shop}`).execute()
    expect(payable.map((p) => p.amount_fen)).toEqual([2 * price])
    const owed = (await call(t.app, supplier, 'GET', '/supplier/owed')).body
    const peachOwed = owed.deals.find((d: { dealId: string }) => d.dealId === peach)
    expect(peachOwed).toMatchObject({
      deliveredUnits: 4,
      shortUnits: 2,
      keptUnits: 2,
      owedFen: 2 * price,
      awaitingFen: 0,
      points: 1,
      receivedPoints: 1,
    })
    expect(owed.deals.find((d: { dealId: string }) => d.dealId === rice)).toMatchObject({ deliveredUnits: 1, owedFen: 0, receivedPoints: 0 })
    expect(owed.account).toMatchObject({ balanceFen: 2 * price, pendingFen: 2 * price, withdrawableFen: 0 })
  })

  it('recording the same receipt again is 409 and refunds nothing more', async () => {
    const again = await call(t.app, wang, 'POST', '/leader/receipts', { dealId: peach, pickupPointId: shop, receivedUnits: 0, spoiledUnits: 0 })
    expect([again.status, again.body.error.code]).toEqual([409, 'RECEIPT_ALREADY_RECORDED'])
    expect(await shortageRefunds()).toHaveLength(2)
    const listed = (await call(t.app, wang, 'GET', `/leader/receipts?date=${date}`)).body.receipts
    expect(listed.find((r: { dealId: string }) => r.dealId === peach).receipt).toMatchObject({ receivedUnits: 2, refundFen: 1760 })
  })

  it('two receipts at once at the school: one records, the other is 409, and 孙丽 is refunded once', async () => {
    await call(t.app, supplier, 'POST', '/supplier/deliveries', { date, pickupPointId: school })
    const both = await Promise.all(
      [1, 2].map(() => call(t.app, wang, 'POST', '/leader/receipts', { dealId: peach, pickupPointId: school, receivedUnits: 1, spoiledUnits: 1 })),
    )
    expect(both.map((r) => r.status).sort()).toEqual([200, 409])
    expect(both.find((r) => r.status === 409)!.body.error.code).toBe('RECEIPT_ALREADY_RECORDED')
    const won = both.find((r) => r.status === 200)!.body.receipt
    // packed 3, 1 good and 1 spoiled: 1 missing, 2 refunded, both from 孙丽's one order of three
    expect(won).toMatchObject({
      expectedUnits: 3,
      receivedUnits: 1,
      missingUnits: 1,
      spoiledUnits: 1,
      refundedOrders: 1,
      refundFen: 1760,
      readyOrders: 1,
    })
    const sun = await orderRow(orders[`孙丽:${peach}`])
    expect(sun.status).toBe('ready')
    // she collects the one good peach of her three
    expect([sun.quantity, sun.short_units]).toEqual([3, 2])
    expect((await shortageRefunds()).filter((r) => r.order_id === sun.id).map((r) => r.amount_fen)).toEqual([1760])
    expect((await messagesOf(shoppers['孙丽'])).filter((m) => m.kind === 'shortage_refunded').map((m) => m.facts.note)).toEqual(['2'])
    expect(
      await db().selectFrom('ledger_transactions').select('amount_fen').where('dedupe_key', '=', `supplier_payable:${peach}:${school}`).execute(),
    ).toHaveLength(1)
  })

  it("the gate's orders become ready as usual when everything arrived, and no one there is refunded", async () => {
    await call(t.app, supplier, 'POST', '/supplier/deliveries', { date, pickupPointId: gate })
    for (const dealId of [peach, rice]) {
      const packed = dealId === peach ? 1 : 2
      const res = await call(t.app, li, 'POST', '/leader/receipts', { dealId, pickupPointId: gate, receivedUnits: packed, spoiledUnits: 0 })
      expect(res.body.receipt).toMatchObject({ missingUnits: 0, refundedOrders: 0, refundFen: 0, readyOrders: 1 })
    }
    expect((await orderRow(orders[`周敏:${peach}`])).status).toBe('ready')
    expect((await orderRow(orders[`周敏:${rice}`])).status).toBe('ready')
    expect((await messagesOf(shoppers['周敏'])).some((m) => m.kind === 'shortage_refunded')).toBe(false)
    expect((await messagesOf(shoppers['周敏'])).filter((m) => m.kind === 'goods_arrived')).toHaveLength(2)
    const stops = (await call(t.app, supplier, 'GET', `/supplier/route?date=${date}`)).body.stops
    expect(stops.map((s: { delivered: boolean }) => s.delivered)).toEqual([true, true, true])
  })

  it("her pickup staff may record the shop's receipt, and only the shop's", async () => {
    const laowang = await person(t.app, '老王')
    const invite = await call(t.app, wang, 'POST', `/leader/pickup-points/${shop}/staff-invites`)
    expect((await call(t.app, laowang, 'POST', `/staff-invites/${invite.body.code}/accept`)).status).toBe(200)
    const elsewhere = await call(t.app, laowang, 'POST', '/leader/receipts', { dealId: rice, pickupPointId: gate, receivedUnits: 2, spoiledUnits: 0 })
    expect(elsewhere.status).toBe(404)
    expect(
      (await call(t.app, laowang, 'GET', '/leader/receipts')).body.receipts.map((r: { pickupPoint: { id: string } }) => r.pickupPoint.id),
    ).toEqual([shop, shop])
    const res = await call(t.app, laowang, 'POST', '/leader/receipts', { dealId: rice, pickupPointId: shop, receivedUnits: 1, spoiledUnits: 0 })
    expect(res.body.receipt).toMatchObject({ expectedUnits: 1, refundedOrders: 0, readyOrders: 1 })
    expect((await orderRow(orders[`张小梅:${rice}`])).status).toBe('ready')
  })

  it('no order is ever refunded more than it paid', async () => {
    const all = await db().selectFrom('orders').select(['paid_fen', 'refund_fen']).execute()
    for (const o of all) expect(o.refund_fen).toBeLessThanOrEqual(o.paid_fen)
    const refunds = await db().selectFrom('refunds').select(['order_id', 'amount_fen']).execute()
    for (const o of await db().selectFrom('orders').select(['id', 'paid_fen']).execute()) {
      expect(refunds.filter((r) => r.order_id === o.id).reduce((s, r) => s + r.amount_fen, 0)).toBeLessThanOrEqual(o.paid_fen)
    }
  })
})

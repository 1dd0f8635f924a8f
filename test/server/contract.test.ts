import type { InjectOptions } from 'fastify'
import type { DealResponse } from '../../types/api'
import type { Database } from '../../server/db/database'
import { addDeal, addPickupPoint, addUser } from '../../server/seed/builders'
import { startTestApp, type TestApp } from './helpers'

jest.setTimeout(30_000)

let t: TestApp

beforeAll(async () => {
  t = await startTestApp()
})
afterAll(async () => t.close())

/** The contract's error body, nothing else: `{ error: { code, message } }`. */
const errorBody = { error: { code: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String) } }

describe("the router's own refusals answer in the contract's shape and never echo the path", () => {
  const longId = 'x'.repeat(150)
  const json = { 'content-type': 'application/json' }

  it.each([
    ['a malformed escape', { method: 'GET', url: '/api/v1/deals/%zz' }, 400, 'BAD_URL', '%zz'],
    ["an id over the router's length", { method: 'GET', url: `/api/v1/deals/${longId}` }, 414, 'URL_TOO_LONG', longId],
    ["an id over the contract's length", { method: 'GET', url: `/api/v1/deals/${'y'.repeat(80)}` }, 400, 'VALIDATION_FAILED', 'y'.repeat(80)],
    ['an unknown route', { method: 'GET', url: '/api/v1/no-such-thing' }, 404, 'NOT_FOUND', 'no-such-thing'],
    [
      'a wrong content type',
      { method: 'POST', url: '/api/v1/auth/dev-login', headers: { 'content-type': 'application/xml' }, payload: '<handle/>' },
      415,
      'CTP_INVALID_MEDIA_TYPE',
      'dev-login',
    ],
    [
      'invalid JSON',
      { method: 'POST', url: '/api/v1/auth/dev-login', headers: json, payload: '{"handle": ' },
      400,
      'CTP_INVALID_JSON_BODY',
      'dev-login',
    ],
    [
      'a body over 1 MiB',
      { method: 'POST', url: '/api/v1/auth/dev-login', headers: json, payload: JSON.stringify({ handle: 'z'.repeat(1024 * 1024) }) },
      413,
      'CTP_BODY_TOO_LARGE',
      'dev-login',
    ],
  ] as [string, InjectOptions, number, string, string][])('%s', async (_what, request, status, code, pathPart) => {
    const res = await t.app.inject(request)
    expect(res.statusCode).toBe(status)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.json()).toEqual(errorBody)
    expect(res.json().error.code).toBe(code)
    expect(res.body).not.toContain(pathPart)
  })
})

describe('the OpenAPI document', () => {
  it('gives every operation a summary, a 2xx response schema and the shared error schema', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json() as { paths: Record<string, Record<string, Operation>> }
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    )
    expect(operations.length).toBeGreaterThan(30)
    const problems: string[] = []
    for (const { name, op } of operations) {
      if (!op.summary) problems.push(`${name}: no summary`)
      const codes = Object.keys(op.responses ?? {})
      const ok = codes.find((c) => c.startsWith('2'))
      if (!ok) problems.push(`${name}: no 2xx response`)
      // a 204 has no body, so no content to describe
      // (an image route, e.g. a mini-program code, describes its image types instead of JSON)
      else if (ok !== '204' && !Object.values(op.responses[ok].content ?? {}).some((c) => c?.schema)) problems.push(`${name}: no ${ok} schema`)
      if (!op.responses?.['4XX']?.content?.['application/json']?.schema) problems.push(`${name}: no 4XX schema`)
    }
    expect(problems).toEqual([])
  })

  it('describes a deal the way the deal read answers it (statuses as enums, nullable fields as such)', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json()
    const deal = doc.paths['/api/v1/deals/{id}'].get.responses['200'].content['application/json'].schema.properties.deal
    expect(deal.properties.status.enum).toEqual(['draft', 'open', 'succeeded', 'failed', 'cancelled', 'completed'])
    expect(deal.properties.stockUnits.type).toEqual(['integer', 'null'])
    expect(doc.paths['/api/v1/deals/{id}'].get.responses['4XX'].content['application/json'].schema.properties.error.required).toEqual([
      'code',
      'message',
    ])
  })
})

interface Operation {
  summary?: string
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>
}

describe('the deal read', () => {
  it("answers the schema's fields with this moment's serverNow, also when the deal text is reused", async () => {
    const at = t.clock.now()
    const leader = await addUser(t.ctx.db, { handle: 'contract-leader', nickname: '周姐', leader: true, at })
    const point = await addPickupPoint(
      t.ctx.db,
      leader,
      { name: '周姐小卖部', address: '幸福路 1 号', lat: 30.6, lng: 104.06, hours: '08:00-21:00', contact: '13800000001' },
      at,
    )
    const id = await addDeal(t.ctx.db, {
      leaderId: leader,
      title: '丑橘',
      product: { name: '丑橘', spec: '5斤/箱' },
      listPriceFen: 3990,
      tierBasis: 'units',
      tiers: [{ threshold: 1, unitPriceFen: 3490 }],
      minToSucceed: 1,
      cutoffAt: new Date(at.getTime() + 24 * 3_600_000),
      pickupStart: new Date(at.getTime() + 30 * 3_600_000),
      pickupEnd: new Date(at.getTime() + 36 * 3_600_000),
      pickupPointIds: [point],
      at,
    })
    const read = async () => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/deals/${id}` })
      expect(res.statusCode).toBe(200)
      return res.json() as DealResponse
    }
    const first = await read()
    t.clock.advance(250)
    const second = await read()
    expect(first.serverNow).toBe(at.toISOString())
    expect(second.serverNow).toBe(new Date(at.getTime() + 250).toISOString())
    expect(second.deal).toEqual(first.deal)
    expect(Object.keys(second)).toEqual(['deal', 'serverNow'])
    expect(second.deal).toMatchObject({
      id,
      status: 'open',
      tierBasis: 'units',
      stockUnits: null,
      perUserLimit: null,
      nextTier: null,
      product: { name: '丑橘', spec: '5斤/箱', description: '', images: [], category: expect.any(String) },
      leader: { id: leader, nickname: '周姐' },
      pickupPoints: [{ id: point, name: '周姐小卖部', lat: 30.6, lng: 104.06 }],
    })
  })
})

describe('the health check', () => {
  it('answers ok while the database answers, and 503 in the contract’s error shape when it does not', async () => {
    const h = await startTestApp()
    const live = h.ctx.db
    try {
      expect((await h.app.inject({ method: 'GET', url: '/api/v1/health' })).json()).toEqual({ ok: true })
      // a database that no longer answers any statement
      h.ctx.db = {
        getExecutor: () => {
          throw new Error('connection refused')
        },
      } as unknown as Database
      const res = await h.app.inject({ method: 'GET', url: '/api/v1/health' })
      expect(res.statusCode).toBe(503)
      expect(res.json()).toEqual({ error: { code: 'DATABASE_UNAVAILABLE', message: expect.any(String) } })
    } finally {
      h.ctx.db = live
      await h.close()
    }
  })
})

import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../server/app'
import { loadConfig, testConfig } from '../../server/config'
import type { Database } from '../../server/db/database'
import { TestClock, freshDatabase, login } from './helpers'

/**
 * Two API instances behind one load balancer: a leader's photo uploaded through one is served by the
 * other, because the photos live in the shared database (UPLOADS_STORE=database, PostgreSQL's default).
 */
jest.setTimeout(30_000)

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
const boundary = '----linli-shared-uploads'
const form = (bytes: Buffer) => ({
  payload: Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="orange.png"\r\nContent-Type: image/png\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]),
  headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
})

let drop: () => Promise<void>
let other: Database
let one: FastifyInstance
let two: FastifyInstance

beforeAll(async () => {
  const fresh = await freshDatabase({ openAnother: true })
  drop = fresh.drop
  other = fresh.openAnother()
  const clock = new TestClock()
  // each instance would have its own (empty) disk: the photos must not be looked for there
  one = await buildApp({ db: fresh.db, config: testConfig({ uploadsStore: 'database', uploadsDir: '/nonexistent/one' }), now: clock.now })
  two = await buildApp({ db: other, config: testConfig({ uploadsStore: 'database', uploadsDir: '/nonexistent/two' }), now: clock.now })
})
afterAll(async () => {
  await one.close()
  await two.close()
  await other.destroy()
  await drop()
})

describe('photos every instance can serve', () => {
  it('uploaded through one instance, served by the other, cacheable for a year', async () => {
    const leader = await login(one, 'wang-photos', 'leader')
    const { payload, headers } = form(PNG)
    const res = await one.inject({ method: 'POST', url: '/api/v1/uploads', payload, headers: { ...headers, authorization: leader.authorization } })
    expect(res.statusCode).toBe(201)
    const { url } = res.json()

    const served = await two.inject({ method: 'GET', url })
    expect(served.statusCode).toBe(200)
    expect(served.headers['content-type']).toBe('image/png')
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(served.rawPayload.equals(PNG)).toBe(true)
  })

  it('a name that was never stored, or is not a name at all, is 404 JSON', async () => {
    for (const url of ['/uploads/AAAAAAAAAAAAAAAA.png', '/uploads/..%2Fsecrets.png', '/uploads/x']) {
      const res = await two.inject({ method: 'GET', url })
      expect(res.statusCode).toBe(404)
      expect(res.json().error.code).toBe('NOT_FOUND')
    }
  })

  it('PostgreSQL keeps photos in the database unless told otherwise; SQLite on disk', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://db/linli' }).uploadsStore).toBe('database')
    expect(loadConfig({ DATABASE_URL: 'postgres://db/linli', UPLOADS_STORE: 'disk' }).uploadsStore).toBe('disk')
    expect(loadConfig({}).uploadsStore).toBe('disk')
    expect(() => loadConfig({ UPLOADS_STORE: 's3' })).toThrow(/UPLOADS_STORE/)
  })
})

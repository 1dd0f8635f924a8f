import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { login, startTestApp, type TestApp } from './helpers'

// the smallest real PNG: a 1×1 transparent pixel
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7), Buffer.from([0xff, 0xd9])])

function multipart(files: { name?: string; filename: string; type: string; bytes: Buffer }[]) {
  const boundary = '----linli-test-boundary'
  const parts = files.map((f) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.name ?? 'file'}"; filename="${f.filename}"\r\n` +
          `Content-Type: ${f.type}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    ]),
  )
  return {
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }
}

// a fresh PostgreSQL schema and its migrations can take a while on a busy machine
jest.setTimeout(30_000)

let t: TestApp
let dir: string
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-uploads-'))
  t = await startTestApp({ uploadsDir: dir })
})
afterAll(async () => {
  await t.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

/** what the uploads folder held when a story began: refusals must leave it as it was */
let before: string[] = []
beforeEach(() => {
  before = fs.readdirSync(dir).sort()
})
const stored = () => fs.readdirSync(dir).sort()

async function upload(authorization: string | null, files: Parameters<typeof multipart>[0]) {
  const { payload, headers } = multipart(files)
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/uploads',
    payload,
    headers: { ...headers, ...(authorization ? { authorization } : {}) },
  })
}

describe('photo uploads', () => {
  it("a leader's photo is stored on disk and served back at the returned url", async () => {
    const leader = await login(t.app, 'wang', 'leader')
    const res = await upload(leader.authorization, [{ filename: 'orange.png', type: 'image/png', bytes: PNG }])
    expect(res.statusCode).toBe(201)
    const { url } = res.json()
    expect(url).toMatch(/^\/uploads\/[A-Za-z0-9_-]+\.png$/)
    expect(stored()).toEqual([...before, path.basename(url)].sort())

    const served = await t.app.inject({ method: 'GET', url })
    expect(served.statusCode).toBe(200)
    expect(served.headers['content-type']).toBe('image/png')
    expect(served.rawPayload.equals(PNG)).toBe(true)
  })

  it('names the file by its bytes, not by what the phone called it', async () => {
    const leader = await login(t.app, 'wang', 'leader')
    const res = await upload(leader.authorization, [{ filename: 'IMG_0001.HEIC', type: 'application/octet-stream', bytes: JPEG }])
    expect(res.statusCode).toBe(201)
    expect(res.json().url).toMatch(/\.jpg$/)
  })

  it('refuses what is not an image with 415 and stores nothing', async () => {
    const leader = await login(t.app, 'wang', 'leader')
    const res = await upload(leader.authorization, [{ filename: 'evil.png', type: 'image/png', bytes: Buffer.from('<script>alert(1)</script>') }])
    expect(res.statusCode).toBe(415)
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
    expect(stored()).toEqual(before)
  })

  it('refuses a photo over 5 MB with 413 and stores nothing', async () => {
    const leader = await login(t.app, 'wang', 'leader')
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024 + 10)])
    const res = await upload(leader.authorization, [{ filename: 'big.png', type: 'image/png', bytes: big }])
    expect(res.statusCode).toBe(413)
    expect(res.json().error.code).toBe('FILE_TOO_LARGE')
    expect(stored()).toEqual(before)
  })

  it('refuses a JSON body, an empty form and two files at once with 4xx JSON', async () => {
    const leader = await login(t.app, 'wang', 'leader')
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/uploads',
      headers: { authorization: leader.authorization },
      payload: { url: 'http://elsewhere/x.png' },
    })
    expect(json.statusCode).toBe(415)
    expect(json.json().error.code).toBe('NOT_MULTIPART')

    const empty = await upload(leader.authorization, [])
    expect(empty.statusCode).toBeGreaterThanOrEqual(400)
    expect(empty.statusCode).toBeLessThan(500)
    expect(empty.json().error.code).toBeTruthy()

    const two = await upload(leader.authorization, [
      { filename: 'a.png', type: 'image/png', bytes: PNG },
      { filename: 'b.png', type: 'image/png', bytes: PNG },
    ])
    expect(two.statusCode).toBe(400)
    expect(two.json().error.code).toBe('ONE_FILE_ONLY')
    expect(stored()).toEqual(before)
  })

  it('only leaders may upload: 401 without a session, 403 for a shopper', async () => {
    const file = [{ filename: 'a.png', type: 'image/png', bytes: PNG }]
    expect((await upload(null, file)).statusCode).toBe(401)
    const shopper = await login(t.app, 'mei')
    const res = await upload(shopper.authorization, file)
    expect(res.statusCode).toBe(403)
    expect(stored()).toEqual(before)
  })

  it('serves nothing outside the uploads folder', async () => {
    const traversal = await t.app.inject({ method: 'GET', url: '/uploads/..%2F..%2Fetc%2Fpasswd' })
    expect([403, 404]).toContain(traversal.statusCode)
    expect(traversal.body).not.toContain('root:')
    const missing = await t.app.inject({ method: 'GET', url: '/uploads/nothing.png' })
    expect(missing.statusCode).toBe(404)
  })
})

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { startTestApp, type TestApp } from './helpers'

// A shopper's phone opens the app: index.html every time (it names this build's files), the hashed
// scripts and styles once a year, everything in Brotli or gzip when the phone accepts it.

jest.setTimeout(30_000)

const script = `console.log(${JSON.stringify('邻里团 '.repeat(400))})\n`
const html = `<!doctype html><html lang="zh-CN"><head><title>邻里团</title><script defer src="/js/app.1a2b3c4d.js"></script></head><body><div id="app"></div>${' '.repeat(2000)}</body></html>`

let t: TestApp
let dir: string
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-h5-'))
  fs.mkdirSync(path.join(dir, 'js'))
  fs.mkdirSync(path.join(dir, 'css'))
  fs.writeFileSync(path.join(dir, 'index.html'), html)
  fs.writeFileSync(path.join(dir, 'index.html.br'), zlib.brotliCompressSync(html))
  // written at build time beside the script (config/precompress.ts)
  fs.writeFileSync(path.join(dir, 'js/app.1a2b3c4d.js'), script)
  fs.writeFileSync(path.join(dir, 'js/app.1a2b3c4d.js.br'), zlib.brotliCompressSync(script))
  fs.writeFileSync(path.join(dir, 'js/app.1a2b3c4d.js.gz'), zlib.gzipSync(script))
  // a build without precompressed files: compressed on the fly
  fs.writeFileSync(path.join(dir, 'css/app.1a2b3c4d9406466e8918.css'), `.deal{color:red}\n`.repeat(200))
  t = await startTestApp({ staticDir: dir })
})
afterAll(async () => {
  await t.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const get = (url: string, encoding?: string) => t.app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} })

it('sends a hashed script as the Brotli file written at build time, cached for a year', async () => {
  const res = await get('/js/app.1a2b3c4d.js', 'gzip, deflate, br')
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-encoding']).toBe('br')
  expect(res.headers['content-type']).toMatch(/javascript/)
  expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  expect(res.headers.vary).toMatch(/accept-encoding/i)
  expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(script)
  expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(script) / 10)
})

it('sends gzip to a browser without Brotli, and the plain file to one that asks for neither', async () => {
  const gz = await get('/js/app.1a2b3c4d.js', 'gzip')
  expect(gz.headers['content-encoding']).toBe('gzip')
  expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script)

  const plain = await get('/js/app.1a2b3c4d.js')
  expect(plain.headers['content-encoding']).toBeUndefined()
  expect(plain.body).toBe(script)
  expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable')
})

it('compresses a hashed stylesheet that has no precompressed file on the fly', async () => {
  const res = await get('/css/app.1a2b3c4d9406466e8918.css', 'br')
  expect(res.headers['content-encoding']).toBe('br')
  expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toContain('.deal{color:red}')
})

it('has the browser ask again for index.html, at / and at every page of the app', async () => {
  for (const url of ['/', '/index.html', '/pages/deal/index?id=abc', '/leader/pages/home/index']) {
    const res = await get(url, 'br')
    expect([url, res.statusCode, res.headers['cache-control']]).toEqual([url, 200, 'no-cache'])
    expect(res.headers['content-type']).toMatch(/text\/html/)
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(html)
  }
})

it('compresses the API answers too, and leaves them readable to a client that asks for no encoding', async () => {
  // the API description is a large JSON answer
  const br = await get('/api/docs/json', 'br')
  expect(br.statusCode).toBe(200)
  expect(br.headers['content-encoding']).toBe('br')
  expect(JSON.parse(zlib.brotliDecompressSync(br.rawPayload).toString())).toHaveProperty('paths')

  const gz = await get('/api/docs/json', 'gzip')
  expect(gz.headers['content-encoding']).toBe('gzip')
  expect(gz.rawPayload.length).toBeLessThan(JSON.stringify(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString())).length / 3)

  const plain = await get('/api/docs/json')
  expect(plain.headers['content-encoding']).toBeUndefined()
  expect(plain.json()).toHaveProperty('paths')

  // an answer under a kilobyte goes as it is: compressing it would cost more than it saves
  const small = await get('/api/v1/deals', 'br')
  expect(small.statusCode).toBe(200)
  expect(small.headers['content-encoding']).toBeUndefined()
  expect(small.json()).toHaveProperty('deals')
})

it('still answers an unknown API path in JSON, not with the app', async () => {
  const res = await get('/api/v1/nothing-here', 'br')
  expect(res.statusCode).toBe(404)
  const body = res.headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(res.rawPayload).toString() : res.body
  expect(JSON.parse(body).error.code).toBe('NOT_FOUND')
})

it('sends an old page address (before the pages moved into the shopper subpackage) on to the new one, query kept', async () => {
  const order = await get('/pages/order/index?id=o-1&from=msg')
  expect(order.statusCode).toBe(301)
  expect(order.headers.location).toBe('/shopper/pages/order/index?id=o-1&from=msg')
  expect((await get('/pages/pickup-points/index')).headers.location).toBe('/shopper/pages/pickup-points/index')
  expect((await get('/pages/messages/index')).headers.location).toBe('/shopper/pages/messages/index')
  // the new address is the app's own page: index.html
  const page = await get('/shopper/pages/order/index?id=o-1')
  expect(page.statusCode).toBe(200)
  expect(page.headers['content-type']).toMatch(/html/)
})

import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A local stand-in for WeChat's servers that speaks their protocol: the same paths, query
 * parameters, JSON bodies and errcodes. Tests point `apiBase` at it; nothing leaves the machine.
 */
export class FakeWechat {
  readonly appId = 'wx0123456789abcdef'
  readonly appSecret = crypto.randomBytes(16).toString('hex')
  private server = http.createServer((req, res) => this.handle(req, res))
  private codes = new Map<string, { openid: string; unionid?: string; issuedAt: number; used: boolean }>()
  /** login codes live five minutes, as WeChat's do */
  codeTtlMs = 5 * 60_000
  down = false
  calls: string[] = []
  baseUrl = ''

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()))
  }

  /** What `wx.login` would hand the mini-program for this WeChat user. */
  issueLoginCode(user: { openid: string; unionid?: string }, issuedAt = Date.now()): string {
    const code = crypto.randomBytes(16).toString('hex')
    this.codes.set(code, { ...user, issuedAt, used: false })
    return code
  }

  private send(res: http.ServerResponse, body: unknown): void {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.baseUrl)
    this.calls.push(url.pathname)
    if (this.down) {
      res.writeHead(503)
      res.end('upstream unavailable')
      return
    }
    if (url.pathname === '/sns/jscode2session' && req.method === 'GET') {
      const q = url.searchParams
      if (q.get('appid') !== this.appId) return this.send(res, { errcode: 40013, errmsg: 'invalid appid' })
      if (q.get('secret') !== this.appSecret) return this.send(res, { errcode: 40125, errmsg: 'invalid appsecret' })
      if (q.get('grant_type') !== 'authorization_code') return this.send(res, { errcode: 40002, errmsg: 'invalid grant_type' })
      const entry = this.codes.get(q.get('js_code') ?? '')
      if (!entry || Date.now() - entry.issuedAt > this.codeTtlMs) return this.send(res, { errcode: 40029, errmsg: 'invalid code' })
      if (entry.used) return this.send(res, { errcode: 40163, errmsg: 'code been used' })
      entry.used = true
      return this.send(res, {
        openid: entry.openid,
        session_key: crypto.randomBytes(16).toString('base64'),
        ...(entry.unionid ? { unionid: entry.unionid } : {}),
      })
    }
    res.writeHead(404, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ errcode: 40066, errmsg: 'invalid url' }))
  }
}

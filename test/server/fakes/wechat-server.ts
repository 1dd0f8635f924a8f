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
  /** access tokens issued (stable_token / token) and when they stop working */
  private tokens = new Map<string, number>()
  tokenTtlSeconds = 7200
  tokenRequests: { path: string; body: unknown }[] = []
  /** subscription messages accepted, as WeChat would push them to the user */
  sentMessages: { touser: string; template_id: string; page?: string; data: Record<string, { value: string }>; miniprogram_state?: string }[] = []
  /** shipping uploads accepted */
  shippingUploads: Record<string, any>[] = []
  /** openids that have turned a template off in WeChat: send answers 43101 */
  refusedBy = new Set<string>()
  /** the next N calls to subscribe/send or upload_shipping_info answer "system busy" */
  busyFor = 0
  /** getwxacodeunlimit: every request's body; pages the released version has (check_path); calls left in quota */
  wxacodeRequests: Record<string, any>[] = []
  publishedPages = new Set(['pages/home/index', 'pages/deal/index'])
  wxacodeQuota = Number.POSITIVE_INFINITY
  now: () => Date = () => new Date()

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

  /** Every issued token stops working now (as when another server force-refreshes). */
  revokeTokens(): void {
    this.tokens.clear()
  }

  private tokenValid(token: string | null): boolean {
    const until = token ? this.tokens.get(token) : undefined
    return until !== undefined && until > this.now().getTime()
  }

  private issueToken(): { access_token: string; expires_in: number } {
    // stable_token in normal mode answers the token still in force
    for (const [token, until] of this.tokens)
      if (until - this.now().getTime() > 300_000) return { access_token: token, expires_in: Math.floor((until - this.now().getTime()) / 1000) }
    const token = crypto.randomBytes(32).toString('base64url')
    this.tokens.set(token, this.now().getTime() + this.tokenTtlSeconds * 1000)
    return { access_token: token, expires_in: this.tokenTtlSeconds }
  }

  private readJson(req: http.IncomingMessage): Promise<any> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = []
      req.on('data', (c) => chunks.push(c))
      req.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
        } catch {
          resolve(undefined)
        }
      })
    })
  }

  private async handlePost(url: URL, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await this.readJson(req)
    if (body === undefined) return this.send(res, { errcode: 47001, errmsg: 'data format error' })
    if (url.pathname === '/cgi-bin/stable_token') {
      this.tokenRequests.push({ path: url.pathname, body })
      if (body.grant_type !== 'client_credential') return this.send(res, { errcode: 40002, errmsg: 'invalid grant_type' })
      if (body.appid !== this.appId) return this.send(res, { errcode: 40013, errmsg: 'invalid appid' })
      if (body.secret !== this.appSecret) return this.send(res, { errcode: 40125, errmsg: 'invalid appsecret' })
      if (body.force_refresh) this.tokens.clear()
      return this.send(res, this.issueToken())
    }
    if (!this.tokenValid(url.searchParams.get('access_token')))
      return this.send(res, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' })
    if (this.busyFor > 0) {
      this.busyFor--
      return this.send(res, { errcode: -1, errmsg: 'system error' })
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send') {
      if (typeof body.touser !== 'string' || typeof body.template_id !== 'string' || typeof body.data !== 'object') {
        return this.send(res, { errcode: 47003, errmsg: 'argument invalid!' })
      }
      for (const [key, v] of Object.entries(body.data as Record<string, any>)) {
        // keyword rules WeChat enforces: thing at most 20 characters, amount a number (+元), time a date
        const value = v?.value
        if (typeof value !== 'string') return this.send(res, { errcode: 47003, errmsg: `argument invalid! data.${key}.value empty` })
        if (key.startsWith('thing') && [...value].length > 20)
          return this.send(res, { errcode: 47003, errmsg: `argument invalid! data.${key}.value too long` })
        if (key.startsWith('amount') && !/^\d+(\.\d{1,2})?元?$/.test(value))
          return this.send(res, { errcode: 47003, errmsg: `argument invalid! data.${key}.value` })
        if (key.startsWith('time') && !/^\d{4}-\d\d-\d\d( \d\d:\d\d(:\d\d)?)?$/.test(value))
          return this.send(res, { errcode: 47003, errmsg: `argument invalid! data.${key}.value` })
      }
      if (this.refusedBy.has(body.touser)) return this.send(res, { errcode: 43101, errmsg: 'user refuse to accept the msg' })
      this.sentMessages.push(body)
      return this.send(res, { errcode: 0, errmsg: 'ok', msgid: crypto.randomInt(1, 2 ** 31) })
    }
    if (url.pathname === '/wxa/getwxacodeunlimit') return this.unlimitedCode(body, res)
    if (url.pathname === '/wxa/sec/order/upload_shipping_info') {
      const key = body.order_key ?? {}
      const keyOk = key.order_number_type === 1 ? !!key.mchid && !!key.out_trade_no : key.order_number_type === 2 ? !!key.transaction_id : false
      if (!keyOk) return this.send(res, { errcode: 47001, errmsg: 'order_key invalid' })
      if (![1, 2, 3, 4].includes(body.logistics_type) || ![1, 2].includes(body.delivery_mode))
        return this.send(res, { errcode: 47001, errmsg: 'data format error' })
      if (!Array.isArray(body.shipping_list) || body.shipping_list.length < 1 || body.shipping_list.length > 15) {
        return this.send(res, { errcode: 268485228, errmsg: '统一发货模式下，物流信息列表长度必须为1' })
      }
      if (body.delivery_mode === 1 && body.shipping_list.length !== 1)
        return this.send(res, { errcode: 268485228, errmsg: '统一发货模式下，物流信息列表长度必须为1' })
      if (body.logistics_type === 1 && body.shipping_list.some((s: any) => !s.tracking_no || !s.express_company)) {
        return this.send(res, { errcode: 268485226, errmsg: '物流单号不能为空' })
      }
      if (body.shipping_list.some((s: any) => typeof s.item_desc !== 'string' || !s.item_desc || [...s.item_desc].length > 120)) {
        return this.send(res, { errcode: 47001, errmsg: 'item_desc invalid' })
      }
      if (typeof body.upload_time !== 'string' || Number.isNaN(Date.parse(body.upload_time)))
        return this.send(res, { errcode: 47001, errmsg: 'upload_time invalid' })
      if (typeof body.payer?.openid !== 'string' || !body.payer.openid) return this.send(res, { errcode: 47001, errmsg: 'payer invalid' })
      this.shippingUploads.push(body)
      return this.send(res, { errcode: 0, errmsg: 'ok' })
    }
    res.writeHead(404, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ errcode: 40066, errmsg: 'invalid url' }))
  }

  /** The image getwxacodeunlimit answers for a scene and page: JPEG markers around the request, so a test can tell codes apart. */
  static codeImage(scene: string, page: string): Buffer {
    return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`JFIF scene=${scene} page=${page}`), Buffer.from([0xff, 0xd9])])
  }

  /**
   * wxacode.getUnlimited as WeChat checks it: scene at most 32 visible characters of its alphabet
   * (40129), page without a leading slash or query and, with check_path (default true), one of the
   * released pages (41030), env_version release|trial|develop and width 280-1280 (40097), the
   * quota (45009). Success is the image bytes as image/jpeg; every refusal is JSON.
   */
  private unlimitedCode(body: Record<string, any>, res: http.ServerResponse): void {
    this.wxacodeRequests.push(body)
    const scene = body.scene
    if (typeof scene !== 'string' || scene.length < 1 || scene.length > 32 || !/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/.test(scene)) {
      return this.send(res, { errcode: 40129, errmsg: 'invalid scene rid: fake' })
    }
    const page = body.page ?? 'pages/home/index'
    if (typeof page !== 'string' || page.startsWith('/') || page.includes('?'))
      return this.send(res, { errcode: 41030, errmsg: 'invalid page rid: fake' })
    if (body.check_path !== false && !this.publishedPages.has(page)) return this.send(res, { errcode: 41030, errmsg: 'invalid page rid: fake' })
    if (body.env_version !== undefined && !['release', 'trial', 'develop'].includes(body.env_version)) {
      return this.send(res, { errcode: 40097, errmsg: 'invalid args rid: fake' })
    }
    if (body.width !== undefined && (typeof body.width !== 'number' || body.width < 280 || body.width > 1280)) {
      return this.send(res, { errcode: 40097, errmsg: 'invalid args rid: fake' })
    }
    if (this.wxacodeQuota <= 0) return this.send(res, { errcode: 45009, errmsg: 'reach max api daily quota limit rid: fake' })
    this.wxacodeQuota--
    res.writeHead(200, { 'content-type': 'image/jpeg' })
    res.end(FakeWechat.codeImage(scene, page))
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.baseUrl)
    this.calls.push(url.pathname)
    if (this.down) {
      res.writeHead(503)
      res.end('upstream unavailable')
      return
    }
    if (req.method === 'POST') {
      void this.handlePost(url, req, res)
      return
    }
    if (url.pathname === '/cgi-bin/token' && req.method === 'GET') {
      const q = url.searchParams
      this.tokenRequests.push({ path: url.pathname, body: Object.fromEntries(q) })
      if (q.get('grant_type') !== 'client_credential') return this.send(res, { errcode: 40002, errmsg: 'invalid grant_type' })
      if (q.get('appid') !== this.appId || q.get('secret') !== this.appSecret) return this.send(res, { errcode: 40125, errmsg: 'invalid appsecret' })
      this.tokens.clear() // the plain endpoint invalidates the previous token
      return this.send(res, this.issueToken())
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

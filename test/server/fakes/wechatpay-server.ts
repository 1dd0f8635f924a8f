import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A local stand-in for WeChat Pay API v3 (api.mch.weixin.qq.com) that speaks its protocol with real
 * cryptography, written from the published formats rather than from our client:
 * - it checks every request's `Authorization: WECHATPAY2-SHA256-RSA2048 mchid=..,nonce_str=..,
 *   signature=..,timestamp=..,serial_no=..` against the merchant's public key;
 * - it signs every answer (Wechatpay-Timestamp/-Nonce/-Signature/-Serial) with the platform key;
 * - it keeps JSAPI prepay orders, answers order queries and refunds (idempotent by out_refund_no);
 * - it keeps merchant transfers (商家转账, idempotent by out_bill_no), answers their queries and builds
 *   their finished-bill notifications (MCHTRANSFER.BILL.FINISHED);
 * - it builds payment and refund notifications: resource encrypted with AES-256-GCM under the APIv3
 *   key, the whole body signed by the platform, and can POST them to the notify_url it was given.
 * Keys are generated when the fake is made; nothing here is a fixed test secret.
 */

interface PrepayOrder {
  body: Record<string, any>
  prepayId: string
  state: 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND'
  transactionId?: string
  successTime?: string
}

interface RefundRecord {
  refund_id: string
  out_refund_no: string
  out_trade_no: string
  transaction_id: string
  amount: { total: number; refund: number }
  status: 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED'
  notifyUrl: string
  reason: string
}

/** A merchant transfer (商家转账) bill as WeChat keeps it. */
export interface TransferBill {
  body: Record<string, any>
  transfer_bill_no: string
  state: 'ACCEPTED' | 'PROCESSING' | 'WAIT_USER_CONFIRM' | 'TRANSFERING' | 'SUCCESS' | 'FAIL' | 'CANCELING' | 'CANCELLED'
  package_info: string
  fail_reason?: string
  create_time: string
  update_time: string
}

export interface SignedNotification {
  headers: Record<string, string>
  body: string
}

type KeyPair = { publicKey: crypto.KeyObject; privateKey: crypto.KeyObject }

/** Off the event loop (the thread pool), so a busy test machine is not blocked while keys are made. */
function keyPair(): Promise<KeyPair> {
  return new Promise((resolve, reject) =>
    crypto.generateKeyPair('rsa', { modulusLength: 2048 }, (error, publicKey, privateKey) =>
      error ? reject(error) : resolve({ publicKey, privateKey }),
    ),
  )
}

function pem(key: crypto.KeyObject): string {
  return key.export({ type: key.type === 'private' ? 'pkcs8' : 'spki', format: 'pem' }).toString()
}

function randomSerial(): string {
  return crypto.randomBytes(20).toString('hex').toUpperCase()
}

export class FakeWechatPay {
  readonly mchId = '1900000109'
  readonly apiV3Key = crypto.randomBytes(16).toString('hex') // 32 ASCII bytes
  readonly merchantSerial = randomSerial()
  readonly platformSerial = randomSerial()
  // made in start()
  private merchant!: KeyPair
  private platform!: KeyPair
  /** a second platform key WeChat might rotate to; not configured on our side unless a test says so */
  otherPlatform!: KeyPair & { serial: string }

  orders = new Map<string, PrepayOrder>()
  refunds = new Map<string, RefundRecord>()
  /** every request as received, for assertions (method, path, body) */
  requests: { method: string; path: string; body: string; authorized: boolean }[] = []
  /** merchant transfers by out_bill_no */
  transfers = new Map<string, TransferBill>()
  /** how a new transfer starts: WAIT_USER_CONFIRM (the user-confirm mode WeChat uses now) or another state */
  transferStartState: TransferBill['state'] = 'WAIT_USER_CONFIRM'
  /** take the next N transfer requests but lose the answer (the connection drops: a timeout to the caller) */
  dropTransferAnswers = 0
  /** set to make the next answers fail with this status */
  failWith: number | null = null
  /** sign answers with a key WeChat does not own (a man in the middle) */
  forgeResponses = false
  baseUrl = ''
  private server = http.createServer((req, res) => this.handle(req, res))

  constructor(private readonly now: () => Date = () => new Date()) {}

  async start(): Promise<this> {
    const [merchant, platform, other] = await Promise.all([keyPair(), keyPair(), keyPair()])
    this.merchant = merchant
    this.platform = platform
    this.otherPlatform = { serial: randomSerial(), ...other }
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()))
  }

  /** The environment a merchant would set for this account (keys inline as PEM). */
  env(notifyUrl = 'https://linli.example.com/api/v1/payments/wechat/notify'): Record<string, string> {
    return {
      PAYMENT_PROVIDER: 'wechatpay',
      WECHATPAY_MCH_ID: this.mchId,
      WECHATPAY_MCH_SERIAL: this.merchantSerial,
      WECHATPAY_PRIVATE_KEY: pem(this.merchant.privateKey),
      WECHATPAY_API_V3_KEY: this.apiV3Key,
      WECHATPAY_PLATFORM_CERTS: JSON.stringify({ [this.platformSerial]: pem(this.platform.publicKey) }),
      WECHATPAY_API_BASE: this.baseUrl,
      NOTIFY_URL: notifyUrl,
    }
  }

  get merchantPublicKey(): crypto.KeyObject {
    return this.merchant.publicKey
  }

  get platformPublicKey(): crypto.KeyObject {
    return this.platform.publicKey
  }

  // ---- what the payer and WeChat do ------------------------------------------------------------

  /** The payer confirms in WeChat: the order is paid; returns the notification WeChat would send. */
  pay(outTradeNo: string, overrides: { total?: number } = {}): SignedNotification {
    const order = this.orders.get(outTradeNo)
    if (!order) throw new Error(`no prepay order ${outTradeNo}`)
    if (order.state === 'CLOSED') throw new Error(`order ${outTradeNo} is closed: WeChat will not take the money`)
    order.state = 'SUCCESS'
    order.transactionId ??= `42000${crypto.randomInt(1e9, 1e10 - 1)}${Date.now()}`.slice(0, 28)
    order.successTime = this.rfc3339(this.now())
    const txn = this.transaction(order)
    if (overrides.total !== undefined) txn.amount = { ...txn.amount, total: overrides.total, payer_total: overrides.total }
    return this.notification('TRANSACTION.SUCCESS', 'transaction', txn, '支付成功')
  }

  /** WeChat finishes a refund; returns the refund notification. */
  finishRefund(outRefundNo: string, status: 'SUCCESS' | 'ABNORMAL' | 'CLOSED' = 'SUCCESS'): SignedNotification {
    const r = this.refunds.get(outRefundNo)
    if (!r) throw new Error(`no refund ${outRefundNo}`)
    r.status = status
    const resource = {
      mchid: this.mchId,
      out_trade_no: r.out_trade_no,
      transaction_id: r.transaction_id,
      out_refund_no: r.out_refund_no,
      refund_id: r.refund_id,
      refund_status: status,
      success_time: this.rfc3339(this.now()),
      user_received_account: '支付用户零钱',
      amount: { total: r.amount.total, refund: r.amount.refund, payer_total: r.amount.total, payer_refund: r.amount.refund },
    }
    return this.notification(`REFUND.${status}`, 'refund', resource, '退款成功')
  }

  /**
   * A notification as WeChat Pay sends it: `{ id, create_time, event_type, resource_type,
   * resource: { algorithm, ciphertext, nonce, associated_data, original_type }, summary }`,
   * signed over "timestamp\nnonce\nbody\n". Options let a test forge or age it.
   */
  notification(
    eventType: string,
    originalType: string,
    resource: unknown,
    summary: string,
    options: { timestamp?: number; serial?: string; signWith?: crypto.KeyObject; apiV3Key?: string } = {},
  ): SignedNotification {
    const nonce = crypto.randomBytes(16).toString('hex').slice(0, 12)
    const associatedData = originalType
    const key = Buffer.from(options.apiV3Key ?? this.apiV3Key, 'utf8')
    const cipher = crypto.createCipheriv('aes-256-gcm', key, Buffer.from(nonce, 'utf8'))
    cipher.setAAD(Buffer.from(associatedData, 'utf8'))
    const encrypted = Buffer.concat([cipher.update(JSON.stringify(resource), 'utf8'), cipher.final(), cipher.getAuthTag()])
    const body = JSON.stringify({
      id: crypto.randomUUID(),
      create_time: this.rfc3339(this.now()),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary,
      resource: {
        original_type: originalType,
        algorithm: 'AEAD_AES_256_GCM',
        ciphertext: encrypted.toString('base64'),
        associated_data: associatedData,
        nonce,
      },
    })
    return { headers: this.signatureHeaders(body, options), body }
  }

  /** POST a notification to a URL, as WeChat does; the HTTP status of our answer. */
  async deliver(url: string, n: SignedNotification): Promise<{ status: number; body: string; ms: number }> {
    const started = Date.now()
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...n.headers }, body: n.body })
    return { status: res.status, body: await res.text(), ms: Date.now() - started }
  }

  /** Where WeChat would send this order's payment notification. */
  notifyUrlOf(outTradeNo: string): string {
    return this.orders.get(outTradeNo)!.body.notify_url
  }

  // ---- merchant transfers (商家转账): what the recipient and WeChat do ---------------------------------

  /** The recipient taps 确认收款 and the money arrives: SUCCESS; returns WeChat's finished-bill notification. */
  confirmTransfer(outBillNo: string): SignedNotification {
    return this.finishTransfer(outBillNo, 'SUCCESS')
  }

  /** The transfer ends: SUCCESS, FAIL (with WeChat's reason) or CANCELLED; returns the notification. */
  finishTransfer(outBillNo: string, state: 'SUCCESS' | 'FAIL' | 'CANCELLED', failReason = 'PAYEE_ACCOUNT_ABNORMAL'): SignedNotification {
    const bill = this.transfers.get(outBillNo)
    if (!bill) throw new Error(`no transfer ${outBillNo}`)
    bill.state = state
    if (state === 'FAIL') bill.fail_reason = failReason
    bill.update_time = this.rfc3339(this.now())
    return this.transferNotification(outBillNo)
  }

  /** MCHTRANSFER.BILL.FINISHED for the bill as it is now (options forge or age it). */
  transferNotification(
    outBillNo: string,
    options: Parameters<FakeWechatPay['notification']>[4] & { overrides?: Record<string, unknown> } = {},
  ): SignedNotification {
    const bill = this.transfers.get(outBillNo)
    if (!bill) throw new Error(`no transfer ${outBillNo}`)
    const resource = {
      mchid: this.mchId,
      out_bill_no: outBillNo,
      transfer_bill_no: bill.transfer_bill_no,
      state: bill.state,
      transfer_amount: bill.body.transfer_amount,
      ...(bill.fail_reason ? { fail_reason: bill.fail_reason } : {}),
      openid: bill.body.openid,
      create_time: bill.create_time,
      update_time: bill.update_time,
      ...options.overrides,
    }
    return this.notification('MCHTRANSFER.BILL.FINISHED', 'mch_payment', resource, '商家转账单据终态通知', options)
  }

  /** Where WeChat would send this transfer's notification. */
  transferNotifyUrlOf(outBillNo: string): string {
    return this.transfers.get(outBillNo)!.body.notify_url
  }

  /** Transfer requests received for a bill (a retry sends the same out_bill_no again). */
  transferRequestsOf(outBillNo: string) {
    return this.requests.filter(
      (r) => r.method === 'POST' && r.path === '/v3/fund-app/mch-transfer/transfer-bills' && r.body.includes(`"${outBillNo}"`),
    )
  }

  // ---- the HTTP side -----------------------------------------------------------------------------

  private rfc3339(d: Date): string {
    return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`
  }

  private transaction(order: PrepayOrder) {
    const b = order.body
    return {
      appid: b.appid,
      mchid: b.mchid,
      out_trade_no: b.out_trade_no,
      transaction_id: order.transactionId,
      trade_type: 'JSAPI',
      trade_state: order.state,
      trade_state_desc: order.state === 'SUCCESS' ? '支付成功' : order.state === 'NOTPAY' ? '未支付' : order.state,
      bank_type: 'OTHERS',
      attach: b.attach ?? '',
      success_time: order.successTime,
      payer: { openid: b.payer.openid },
      amount: { total: b.amount.total, payer_total: b.amount.total, currency: 'CNY', payer_currency: 'CNY' },
    }
  }

  private signatureHeaders(body: string, options: { timestamp?: number; serial?: string; signWith?: crypto.KeyObject } = {}) {
    const timestamp = String(options.timestamp ?? Math.floor(this.now().getTime() / 1000))
    const nonce = crypto.randomBytes(16).toString('hex')
    const signature = crypto
      .sign('sha256', Buffer.from(`${timestamp}\n${nonce}\n${body}\n`, 'utf8'), options.signWith ?? this.platform.privateKey)
      .toString('base64')
    return {
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Signature': signature,
      'Wechatpay-Serial': options.serial ?? this.platformSerial,
      'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
    }
  }

  private reply(res: http.ServerResponse, status: number, payload: unknown): void {
    const body = payload === undefined ? '' : JSON.stringify(payload)
    const headers = this.signatureHeaders(body, this.forgeResponses ? { signWith: this.otherPlatform.privateKey } : {})
    res.writeHead(status, { 'content-type': 'application/json', 'Request-ID': crypto.randomUUID(), ...headers })
    res.end(body)
  }

  private error(res: http.ServerResponse, status: number, code: string, message: string): void {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ code, message }))
  }

  /** The merchant's signature over "METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n", as WeChat checks it. */
  private authorized(req: http.IncomingMessage, body: string): string | null {
    const header = req.headers.authorization ?? ''
    const m = /^WECHATPAY2-SHA256-RSA2048 (.*)$/.exec(header)
    if (!m) return 'missing or wrong authorization schema'
    const fields = Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]))
    for (const f of ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no']) if (!fields[f]) return `authorization lacks ${f}`
    if (fields.mchid !== this.mchId) return 'mchid mismatch'
    if (fields.serial_no !== this.merchantSerial) return 'unknown merchant certificate serial'
    if (Math.abs(Number(fields.timestamp) - this.now().getTime() / 1000) > 300) return 'timestamp expired'
    const message = `${req.method}\n${req.url}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`
    const ok = crypto.verify('sha256', Buffer.from(message, 'utf8'), this.merchant.publicKey, Buffer.from(fields.signature, 'base64'))
    return ok ? null : 'signature verification failed'
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const url = new URL(req.url ?? '/', this.baseUrl)
      const problem = this.authorized(req, body)
      this.requests.push({ method: req.method ?? '', path: req.url ?? '', body, authorized: problem === null })
      if (problem) return this.error(res, 401, 'SIGN_ERROR', problem)
      if (this.failWith) return this.error(res, this.failWith, 'SYSTEM_ERROR', '系统错误')
      let json: any = {}
      try {
        json = body ? JSON.parse(body) : {}
      } catch {
        return this.error(res, 400, 'PARAM_ERROR', 'body is not JSON')
      }

      if (req.method === 'POST' && url.pathname === '/v3/pay/transactions/jsapi') return this.prepay(res, json)
      const query = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(url.pathname)
      if (req.method === 'GET' && query) {
        if (url.searchParams.get('mchid') !== this.mchId) return this.error(res, 400, 'PARAM_ERROR', 'mchid')
        const order = this.orders.get(decodeURIComponent(query[1]))
        if (!order) return this.error(res, 404, 'ORDER_NOT_EXIST', '订单不存在')
        return this.reply(res, 200, this.transaction(order))
      }
      const close = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(url.pathname)
      if (req.method === 'POST' && close) {
        if (json.mchid !== this.mchId) return this.error(res, 400, 'PARAM_ERROR', 'mchid')
        const order = this.orders.get(decodeURIComponent(close[1]))
        if (!order) return this.error(res, 404, 'ORDER_NOT_EXIST', '订单不存在')
        if (order.state === 'SUCCESS' || order.state === 'REFUND') return this.error(res, 400, 'ORDERPAID', '订单已支付')
        order.state = 'CLOSED'
        return this.reply(res, 204, undefined)
      }
      if (req.method === 'POST' && url.pathname === '/v3/refund/domestic/refunds') return this.refund(res, json)
      const refundQuery = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(url.pathname)
      if (req.method === 'GET' && refundQuery) {
        const r = this.refunds.get(decodeURIComponent(refundQuery[1]))
        if (!r) return this.error(res, 404, 'RESOURCE_NOT_EXISTS', '退款单不存在')
        return this.reply(res, 200, this.refundView(r))
      }
      if (req.method === 'POST' && url.pathname === '/v3/fund-app/mch-transfer/transfer-bills') {
        const answer = this.transfer(json)
        if (answer.ok && this.dropTransferAnswers > 0) {
          // WeChat took the bill, but the answer never reaches the merchant
          this.dropTransferAnswers -= 1
          res.socket?.destroy()
          return
        }
        return answer.ok ? this.reply(res, 200, answer.view) : this.error(res, answer.status, answer.code, answer.message)
      }
      const bill = /^\/v3\/fund-app\/mch-transfer\/transfer-bills\/out-bill-no\/([^/]+)(\/cancel)?$/.exec(url.pathname)
      if (bill) {
        const b = this.transfers.get(decodeURIComponent(bill[1]))
        if (!b) return this.error(res, 404, 'NOT_FOUND', '记录不存在')
        if (req.method === 'GET' && !bill[2]) return this.reply(res, 200, this.transferView(decodeURIComponent(bill[1]), b))
        if (req.method === 'POST' && bill[2]) {
          if (b.state !== 'WAIT_USER_CONFIRM' && b.state !== 'ACCEPTED') return this.error(res, 400, 'INVALID_REQUEST', '当前状态不可撤销')
          b.state = 'CANCELING'
          b.update_time = this.rfc3339(this.now())
          return this.reply(res, 200, {
            out_bill_no: decodeURIComponent(bill[1]),
            transfer_bill_no: b.transfer_bill_no,
            state: b.state,
            update_time: b.update_time,
          })
        }
      }
      return this.error(res, 404, 'NOT_FOUND', 'no such API')
    })
  }

  /** 发起转账: idempotent by out_bill_no (the same bill again answers the same bill; other terms are refused). */
  private transfer(b: any): { ok: true; view: unknown } | { ok: false; status: number; code: string; message: string } {
    const bad = (message: string) => ({ ok: false as const, status: 400, code: 'PARAM_ERROR', message })
    const missing = ['appid', 'out_bill_no', 'transfer_scene_id', 'openid', 'transfer_remark'].filter((k) => typeof b[k] !== 'string' || b[k] === '')
    if (missing.length) return bad(`missing ${missing.join(',')}`)
    if (!/^[A-Za-z0-9]{1,32}$/.test(b.out_bill_no)) return bad('out_bill_no: digits and letters, at most 32')
    if (!Number.isInteger(b.transfer_amount) || b.transfer_amount <= 0) return bad('transfer_amount')
    if ([...b.transfer_remark].length > 32) return bad('transfer_remark: at most 32 characters')
    if (b.notify_url !== undefined && (!/^https?:\/\//.test(b.notify_url) || b.notify_url.includes('?'))) return bad('notify_url')
    const infos = b.transfer_scene_report_infos
    if (
      !Array.isArray(infos) ||
      infos.length === 0 ||
      !infos.every((i: any) => typeof i?.info_type === 'string' && typeof i?.info_content === 'string')
    ) {
      return bad('transfer_scene_report_infos')
    }
    const existing = this.transfers.get(b.out_bill_no)
    if (existing) {
      if (JSON.stringify(existing.body) !== JSON.stringify(b))
        return { ok: false, status: 400, code: 'INVALID_REQUEST', message: '商户单号重复，参数与原单不一致' }
      return { ok: true, view: this.transferAnswer(b.out_bill_no, existing) }
    }
    const now = this.rfc3339(this.now())
    const created: TransferBill = {
      body: b,
      transfer_bill_no: `1330000${crypto.randomInt(1e9, 1e10 - 1)}${Date.now()}`,
      state: this.transferStartState,
      package_info: `ABBQO+oYAAABAAAAAAAk${crypto.randomBytes(24).toString('base64')}`,
      create_time: now,
      update_time: now,
    }
    this.transfers.set(b.out_bill_no, created)
    return { ok: true, view: this.transferAnswer(b.out_bill_no, created) }
  }

  /** What 发起转账 answers: the bill, and package_info while the user must confirm. */
  private transferAnswer(outBillNo: string, t: TransferBill) {
    return {
      out_bill_no: outBillNo,
      transfer_bill_no: t.transfer_bill_no,
      create_time: t.create_time,
      state: t.state,
      ...(t.state === 'WAIT_USER_CONFIRM' ? { package_info: t.package_info } : {}),
      ...(t.fail_reason ? { fail_reason: t.fail_reason } : {}),
    }
  }

  /** 商户单号查询转账单. */
  private transferView(outBillNo: string, t: TransferBill) {
    return {
      mch_id: this.mchId,
      out_bill_no: outBillNo,
      transfer_bill_no: t.transfer_bill_no,
      appid: t.body.appid,
      state: t.state,
      transfer_amount: t.body.transfer_amount,
      transfer_remark: t.body.transfer_remark,
      ...(t.fail_reason ? { fail_reason: t.fail_reason } : {}),
      openid: t.body.openid,
      create_time: t.create_time,
      update_time: t.update_time,
      ...(t.state === 'WAIT_USER_CONFIRM' ? { package_info: t.package_info } : {}),
    }
  }

  private prepay(res: http.ServerResponse, b: any): void {
    const missing = ['appid', 'mchid', 'description', 'out_trade_no', 'notify_url'].filter((k) => typeof b[k] !== 'string' || b[k] === '')
    if (missing.length) return this.error(res, 400, 'PARAM_ERROR', `missing ${missing.join(',')}`)
    if (b.mchid !== this.mchId) return this.error(res, 400, 'MCH_NOT_EXISTS', '商户号不存在')
    if (!/^[A-Za-z0-9_\-|*]{6,32}$/.test(b.out_trade_no)) return this.error(res, 400, 'PARAM_ERROR', 'out_trade_no format')
    if (!Number.isInteger(b.amount?.total) || b.amount.total <= 0 || (b.amount.currency ?? 'CNY') !== 'CNY') {
      return this.error(res, 400, 'PARAM_ERROR', 'amount')
    }
    if (typeof b.payer?.openid !== 'string' || !b.payer.openid) return this.error(res, 400, 'PARAM_ERROR', 'payer.openid')
    if (!/^https?:\/\//.test(b.notify_url) || b.notify_url.includes('?')) return this.error(res, 400, 'PARAM_ERROR', 'notify_url')
    if (b.time_expire !== undefined && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$/.test(b.time_expire)) {
      return this.error(res, 400, 'PARAM_ERROR', 'time_expire')
    }
    const existing = this.orders.get(b.out_trade_no)
    if (existing) {
      if (existing.state === 'SUCCESS') return this.error(res, 400, 'ORDERPAID', '该订单已支付')
      if (JSON.stringify(existing.body) !== JSON.stringify(b)) return this.error(res, 400, 'INVALID_REQUEST', '201 商户订单号重复')
      return this.reply(res, 200, { prepay_id: existing.prepayId })
    }
    const prepayId = `wx${Date.now()}${crypto.randomBytes(8).toString('hex')}`
    this.orders.set(b.out_trade_no, { body: b, prepayId, state: 'NOTPAY' })
    return this.reply(res, 200, { prepay_id: prepayId })
  }

  private refund(res: http.ServerResponse, b: any): void {
    if (typeof b.out_refund_no !== 'string' || !b.out_refund_no) return this.error(res, 400, 'PARAM_ERROR', 'out_refund_no')
    const order = this.orders.get(b.out_trade_no ?? '') ?? [...this.orders.values()].find((o) => o.transactionId === b.transaction_id)
    if (!order) return this.error(res, 404, 'RESOURCE_NOT_EXISTS', '订单不存在')
    if (order.state !== 'SUCCESS' && order.state !== 'REFUND') return this.error(res, 400, 'INVALID_REQUEST', '订单未支付')
    const existing = this.refunds.get(b.out_refund_no)
    const view = (r: RefundRecord) => this.refundView(r)
    // the same out_refund_no is the same refund: asking again refunds nothing more
    if (existing) return this.reply(res, 200, view(existing))
    return this.newRefund(res, b, order, view)
  }

  private refundView(r: RefundRecord) {
    return {
      refund_id: r.refund_id,
      out_refund_no: r.out_refund_no,
      transaction_id: r.transaction_id,
      out_trade_no: r.out_trade_no,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      create_time: this.rfc3339(this.now()),
      status: r.status,
      funds_account: 'AVAILABLE',
      amount: { total: r.amount.total, refund: r.amount.refund, payer_total: r.amount.total, payer_refund: r.amount.refund, currency: 'CNY' },
    }
  }

  private newRefund(res: http.ServerResponse, b: any, order: PrepayOrder, view: (r: RefundRecord) => unknown): void {
    const total = order.body.amount.total
    if (b.amount?.total !== total) return this.error(res, 400, 'PARAM_ERROR', '订单金额与原订单不一致')
    if (!Number.isInteger(b.amount?.refund) || b.amount.refund <= 0) return this.error(res, 400, 'PARAM_ERROR', 'amount.refund')
    const refunded = [...this.refunds.values()].filter((r) => r.out_trade_no === order.body.out_trade_no).reduce((s, r) => s + r.amount.refund, 0)
    if (refunded + b.amount.refund > total) return this.error(res, 403, 'NOT_ENOUGH', '申请退款金额超过订单可退金额')
    const r: RefundRecord = {
      refund_id: `50000${crypto.randomInt(1e9, 1e10 - 1)}`,
      out_refund_no: b.out_refund_no,
      out_trade_no: order.body.out_trade_no,
      transaction_id: order.transactionId!,
      amount: { total, refund: b.amount.refund },
      status: 'PROCESSING',
      notifyUrl: b.notify_url,
      reason: b.reason ?? '',
    }
    this.refunds.set(r.out_refund_no, r)
    order.state = 'REFUND'
    return this.reply(res, 200, view(r))
  }
}

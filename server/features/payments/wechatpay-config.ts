import crypto from 'node:crypto'
import fs from 'node:fs'
import { pemFrom } from './wechatpay-crypto'

/** WeChat Pay v3 merchant settings, every secret from the environment (see loadPaymentConfig). */
export interface WechatPayConfig {
  mchId: string
  /** serial number of the merchant API certificate (the key that signs our requests) */
  mchSerial: string
  privateKey: crypto.KeyObject
  /** APIv3 key: exactly 32 bytes, decrypts notification resources */
  apiV3Key: string
  /** platform certificates / WeChat Pay public keys by serial (or PUB_KEY_ID_...) */
  platformKeys: Record<string, crypto.KeyObject>
  apiBase: string
  notifyUrl: string
  refundNotifyUrl: string
}

export interface PaymentConfig {
  paymentProvider: 'sandbox' | 'wechatpay'
  wechatpay: WechatPayConfig | null
}

/** Thrown with a message that names the variable to fix; config.ts rethrows it as a ConfigError. */
export class PaymentConfigError extends Error {}

function readPem(name: string, value: string): string {
  try {
    return pemFrom(value, (p) => fs.readFileSync(p, 'utf8'))
  } catch {
    throw new PaymentConfigError(`${name} must be a PEM ("-----BEGIN ...") or a readable file path; cannot read "${value}"`)
  }
}

/** Platform keys: JSON {"SERIAL": "PEM or path"} or a list "SERIAL=path,SERIAL2=path". */
function platformKeys(raw: string): Record<string, crypto.KeyObject> {
  const name = 'WECHATPAY_PLATFORM_CERTS'
  let entries: [string, string][]
  if (raw.trim().startsWith('{')) {
    try {
      entries = Object.entries(JSON.parse(raw) as Record<string, string>)
    } catch {
      throw new PaymentConfigError(`${name} is not valid JSON`)
    }
  } else {
    entries = raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((pair) => {
        const i = pair.indexOf('=')
        if (i <= 0) throw new PaymentConfigError(`${name} entries are SERIAL=/path/to/cert.pem, got "${pair}"`)
        return [pair.slice(0, i).trim(), pair.slice(i + 1).trim()]
      })
  }
  if (entries.length === 0) throw new PaymentConfigError(`${name} needs at least one platform certificate or WeChat Pay public key`)
  const keys: Record<string, crypto.KeyObject> = {}
  for (const [serial, value] of entries) {
    try {
      // a certificate or a bare public key: both give the platform's public key
      keys[serial] = crypto.createPublicKey(readPem(`${name} (${serial})`, value))
    } catch (error) {
      if (error instanceof PaymentConfigError) throw error
      throw new PaymentConfigError(`${name} (${serial}) is not a certificate or public key in PEM`)
    }
  }
  return keys
}

export function loadPaymentConfig(env: Record<string, string | undefined>, production: boolean, wechatAppId: string | null): PaymentConfig {
  const chosen = env.PAYMENT_PROVIDER || (production ? 'wechatpay' : 'sandbox')
  if (chosen !== 'sandbox' && chosen !== 'wechatpay') {
    throw new PaymentConfigError(`PAYMENT_PROVIDER must be sandbox or wechatpay, got "${chosen}"`)
  }
  if (chosen === 'sandbox') {
    if (production) {
      throw new PaymentConfigError('PAYMENT_PROVIDER=sandbox is refused in production: the sandbox marks orders paid without taking any money')
    }
    return { paymentProvider: 'sandbox', wechatpay: null }
  }

  const required = [
    'WECHATPAY_MCH_ID',
    'WECHATPAY_MCH_SERIAL',
    'WECHATPAY_PRIVATE_KEY',
    'WECHATPAY_API_V3_KEY',
    'WECHATPAY_PLATFORM_CERTS',
    'NOTIFY_URL',
  ]
  const missing = required.filter((k) => !env[k])
  if (missing.length > 0) throw new PaymentConfigError(`PAYMENT_PROVIDER=wechatpay needs ${missing.join(', ')}`)
  if (!wechatAppId) throw new PaymentConfigError('PAYMENT_PROVIDER=wechatpay needs WECHAT_APP_ID (the mini-program that pays)')

  let privateKey: crypto.KeyObject
  try {
    privateKey = crypto.createPrivateKey(readPem('WECHATPAY_PRIVATE_KEY', env.WECHATPAY_PRIVATE_KEY!))
  } catch (error) {
    if (error instanceof PaymentConfigError) throw error
    throw new PaymentConfigError('WECHATPAY_PRIVATE_KEY is not a private key in PEM (apiclient_key.pem)')
  }
  if (privateKey.asymmetricKeyType !== 'rsa') throw new PaymentConfigError('WECHATPAY_PRIVATE_KEY must be an RSA key')

  const apiV3Key = env.WECHATPAY_API_V3_KEY!
  if (Buffer.byteLength(apiV3Key, 'utf8') !== 32) {
    throw new PaymentConfigError('WECHATPAY_API_V3_KEY must be exactly 32 bytes (the APIv3 key set in the merchant platform)')
  }

  const notifyUrl = parseUrl('NOTIFY_URL', env.NOTIFY_URL!, production)
  const refundNotifyUrl = env.REFUND_NOTIFY_URL
    ? parseUrl('REFUND_NOTIFY_URL', env.REFUND_NOTIFY_URL, production)
    : new URL('refund-notify', notifyUrl).toString()

  return {
    paymentProvider: 'wechatpay',
    wechatpay: {
      mchId: env.WECHATPAY_MCH_ID!,
      mchSerial: env.WECHATPAY_MCH_SERIAL!,
      privateKey,
      apiV3Key,
      platformKeys: platformKeys(env.WECHATPAY_PLATFORM_CERTS!),
      apiBase: (env.WECHATPAY_API_BASE || 'https://api.mch.weixin.qq.com').replace(/\/$/, ''),
      notifyUrl,
      refundNotifyUrl,
    },
  }
}

function parseUrl(name: string, value: string, production: boolean): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new PaymentConfigError(`${name} must be an absolute URL, got "${value}"`)
  }
  // WeChat Pay only calls https URLs without a query string
  if (production && url.protocol !== 'https:') throw new PaymentConfigError(`${name} must be https in production`)
  if (url.search) throw new PaymentConfigError(`${name} cannot carry a query string (WeChat Pay drops it)`)
  return url.toString()
}

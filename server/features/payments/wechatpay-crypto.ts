import crypto from 'node:crypto'

/**
 * The cryptography of WeChat Pay API v3, with nothing but node:crypto:
 * - requests are signed by the merchant: SHA256-with-RSA over "METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n",
 *   sent as `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="",nonce_str="",signature="",timestamp="",serial_no=""`;
 * - responses and notifications are signed by the platform over "TIMESTAMP\nNONCE\nBODY\n"
 *   (headers Wechatpay-Timestamp / -Nonce / -Signature / -Serial), checked against the platform key
 *   named by the serial;
 * - notification resources are AEAD_AES_256_GCM under the 32-byte APIv3 key: base64(ciphertext || tag),
 *   with the resource's nonce as IV and associated_data as AAD;
 * - Taro.requestPayment's paySign is SHA256-with-RSA over "appId\ntimeStamp\nnonceStr\npackage\n".
 */

export const AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048'

/** 32 characters of [A-Z0-9], as WeChat's own SDKs draw nonces. */
export function nonceStr(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
  const bytes = crypto.randomBytes(32)
  let out = ''
  for (const b of bytes) out += alphabet[b % alphabet.length]
  return out
}

export function rsaSign(privateKey: crypto.KeyObject, message: string): string {
  return crypto.sign('sha256', Buffer.from(message, 'utf8'), privateKey).toString('base64')
}

export function rsaVerify(publicKey: crypto.KeyObject, message: string, signatureB64: string): boolean {
  try {
    return crypto.verify('sha256', Buffer.from(message, 'utf8'), publicKey, Buffer.from(signatureB64, 'base64'))
  } catch {
    return false
  }
}

/** What the merchant signs for one request. `url` is the absolute path with its query string. */
export function requestMessage(method: string, url: string, timestamp: string, nonce: string, body: string): string {
  return `${method}\n${url}\n${timestamp}\n${nonce}\n${body}\n`
}

/** What the platform signs on a response or a notification. */
export function responseMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`
}

export interface MerchantIdentity {
  mchId: string
  serial: string
  privateKey: crypto.KeyObject
}

export function authorizationHeader(
  merchant: MerchantIdentity,
  method: string,
  url: string,
  body: string,
  timestamp: string = String(Math.floor(Date.now() / 1000)),
  nonce: string = nonceStr(),
): string {
  const signature = rsaSign(merchant.privateKey, requestMessage(method, url, timestamp, nonce, body))
  return `${AUTH_SCHEMA} mchid="${merchant.mchId}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${merchant.serial}"`
}

/** Split an Authorization header into its fields; null unless it is the WeChat Pay v3 schema. */
export function parseAuthorization(header: string | undefined): Record<string, string> | null {
  if (!header?.startsWith(`${AUTH_SCHEMA} `)) return null
  const fields: Record<string, string> = {}
  for (const m of header.slice(AUTH_SCHEMA.length + 1).matchAll(/(\w+)="([^"]*)"/g)) fields[m[1]] = m[2]
  return fields
}

export interface EncryptedResource {
  algorithm: string
  ciphertext: string
  nonce: string
  associated_data?: string
  original_type?: string
}

export class DecryptError extends Error {}

/** AEAD_AES_256_GCM: the last 16 bytes of the decoded ciphertext are the authentication tag. */
export function decryptResource(apiV3Key: string, resource: EncryptedResource): string {
  if (resource.algorithm !== 'AEAD_AES_256_GCM') throw new DecryptError(`unsupported algorithm ${resource.algorithm}`)
  const data = Buffer.from(resource.ciphertext ?? '', 'base64')
  if (data.length <= 16) throw new DecryptError('ciphertext too short')
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(resource.nonce ?? '', 'utf8'))
    decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'))
    decipher.setAuthTag(data.subarray(data.length - 16))
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8')
  } catch {
    throw new DecryptError('resource failed authentication')
  }
}

/** The parameters Taro.requestPayment takes for a JSAPI prepay id (signType RSA, API v3). */
export function jsapiPayParams(
  appId: string,
  prepayId: string,
  privateKey: crypto.KeyObject,
  timeStamp: string = String(Math.floor(Date.now() / 1000)),
  nonce: string = nonceStr(),
): Record<string, string> {
  const pkg = `prepay_id=${prepayId}`
  const paySign = rsaSign(privateKey, `${appId}\n${timeStamp}\n${nonce}\n${pkg}\n`)
  return { appId, timeStamp, nonceStr: nonce, package: pkg, signType: 'RSA', paySign }
}

/** Reads a PEM given inline or as a path to a file; throws with `what` in the message otherwise. */
export function pemFrom(value: string, readFile: (path: string) => string): string {
  const trimmed = value.trim()
  if (trimmed.startsWith('-----BEGIN')) return trimmed.replace(/\\n/g, '\n')
  return readFile(trimmed)
}

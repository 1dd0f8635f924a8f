import crypto from 'node:crypto'

/**
 * The pickup QR payload: "LINLI1.<orderId>.<code>.<signature>". The HMAC (config.pickupSecret)
 * means nobody can make a valid payload for an order without the server.
 */
const PREFIX = 'LINLI1'

function signature(secret: string, orderId: string, code: string): string {
  return crypto.createHmac('sha256', secret).update(`${PREFIX}.${orderId}.${code}`).digest('base64url').slice(0, 32)
}

export function signPickupQr(secret: string, orderId: string, code: string): string {
  return `${PREFIX}.${orderId}.${code}.${signature(secret, orderId, code)}`
}

/** The order and code in a payload, or null if it is malformed or its signature is wrong. */
export function readPickupQr(secret: string, payload: string): { orderId: string; code: string } | null {
  const parts = payload.split('.')
  if (parts.length !== 4 || parts[0] !== PREFIX || !/^\d{6}$/.test(parts[2])) return null
  const [, orderId, code, given] = parts
  const expected = Buffer.from(signature(secret, orderId, code))
  const actual = Buffer.from(given)
  if (actual.length !== expected.length || !crypto.timingSafeEqual(actual, expected)) return null
  return { orderId, code }
}

import { Image } from '@tarojs/components'
import { encode } from 'uqr'
import { t } from '@/i18n/shopper'
import { imageLabel } from '@/platform'
import { colors } from '@/styles/theme'

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** base64 of an ASCII string (WeChat has no btoa). */
function base64(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i += 3) {
    const [a, b, c] = [text.charCodeAt(i), text.charCodeAt(i + 1), text.charCodeAt(i + 2)]
    const n = (a << 16) | ((b || 0) << 8) | (c || 0)
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63]
    out += i + 1 < text.length ? B64[(n >> 6) & 63] : '='
    out += i + 2 < text.length ? B64[n & 63] : '='
  }
  return out
}

/** The QR as an SVG data URI: one path of unit squares, crisp at any size. */
export function qrDataUri(payload: string): string {
  const { data, size } = encode(payload, { ecc: 'M', border: 2 })
  let path = ''
  data.forEach((row, y) => row.forEach((dark, x) => dark && (path += `M${x} ${y}h1v1h-1z`)))
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="${colors.white}"/><path d="${path}" fill="${colors.ink}"/></svg>`
  return `data:image/svg+xml;base64,${base64(svg)}`
}

/** The signed pickup payload, for the leader to scan at the counter. */
export function PickupQr({ payload, className = '' }: { payload: string; className?: string }) {
  return <Image className={className} src={qrDataUri(payload)} mode='aspectFit' {...imageLabel(t('order.qr'))} />
}

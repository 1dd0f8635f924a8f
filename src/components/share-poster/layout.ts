/**
 * Pure layout math for the share poster: sizes, positions, text wrapping, image fitting and the
 * invite link the QR carries. No canvas, no Taro: tested in jest. (The tier progress and the invite
 * path are rules, and live in src/domain.)
 */
import { dealPath } from '@/domain'

export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/** The poster in logical pixels (a 3:5 card that reads well in a chat and fits a phone screen). */
export const POSTER_WIDTH = 600
export const POSTER_HEIGHT = 1000
const PAD = 36

export interface PosterLayout {
  width: number
  height: number
  card: Rect
  brand: { x: number; y: number }
  photo: Rect
  title: { x: number; y: number; maxWidth: number; lineHeight: number; maxLines: number }
  spec: { x: number; y: number }
  price: { x: number; y: number }
  progress: { bar: Rect; labelY: number }
  footer: Rect
  qr: Rect
  inviter: { x: number; y: number; maxWidth: number }
}

/** Where everything goes on the poster; the drawing code only follows these numbers. */
export function posterLayout(width = POSTER_WIDTH, height = POSTER_HEIGHT): PosterLayout {
  const inner = width - PAD * 2
  const photo = { x: PAD, y: 96, w: inner, h: Math.round(inner * 0.68) }
  const titleY = photo.y + photo.h + 52
  const footerH = 190
  const footer = { x: 0, y: height - footerH, w: width, h: footerH }
  const qrSize = 150
  return {
    width,
    height,
    card: { x: 0, y: 0, w: width, h: height },
    brand: { x: PAD, y: 58 },
    photo,
    title: { x: PAD, y: titleY, maxWidth: inner, lineHeight: 44, maxLines: 2 },
    spec: { x: PAD, y: titleY + 2 * 44 + 4 },
    price: { x: PAD, y: titleY + 2 * 44 + 82 },
    progress: { bar: { x: PAD, y: titleY + 2 * 44 + 112, w: inner, h: 14 }, labelY: titleY + 2 * 44 + 160 },
    footer,
    qr: { x: width - PAD - qrSize, y: footer.y + (footerH - qrSize) / 2, w: qrSize, h: qrSize },
    inviter: { x: PAD, y: footer.y + 74, maxWidth: width - PAD * 3 - qrSize },
  }
}

/**
 * Breaks text into at most `maxLines` lines no wider than `maxWidth`, character by character (fits
 * Chinese, which has no spaces); the last line ends with "…" when the text does not fit.
 */
export function wrapLines(text: string, maxWidth: number, maxLines: number, measure: (s: string) => number): string[] {
  const chars = Array.from(text)
  const lines: string[] = []
  let line = ''
  for (let i = 0; i < chars.length; i++) {
    const next = line + chars[i]
    if (measure(next) <= maxWidth || line === '') {
      line = next
      continue
    }
    if (lines.length === maxLines - 1) {
      // last allowed line: keep what fits with an ellipsis
      let cut = line
      while (cut.length > 0 && measure(cut + '…') > maxWidth) cut = Array.from(cut).slice(0, -1).join('')
      lines.push(cut + '…')
      return lines
    }
    lines.push(line)
    line = chars[i]
  }
  if (line) lines.push(line)
  return lines
}

/** The part of an image (source rect) that fills `box` without stretching, centred: CSS object-fit cover. */
export function coverSource(imageW: number, imageH: number, box: { w: number; h: number }): Rect {
  if (imageW <= 0 || imageH <= 0) return { x: 0, y: 0, w: Math.max(0, imageW), h: Math.max(0, imageH) }
  const scale = Math.max(box.w / imageW, box.h / imageH)
  const w = box.w / scale
  const h = box.h / scale
  return { x: (imageW - w) / 2, y: (imageH - h) / 2, w, h }
}

/**
 * What the poster's QR encodes: the full H5 address in a browser (any phone camera opens it), the
 * mini-program path in WeChat.
 */
export function posterQrText(target: 'h5' | 'weapp', origin: string, dealId: string, inviteCode: string | null): string {
  const path = dealPath(dealId, inviteCode)
  return target === 'h5' ? `${origin.replace(/\/$/, '')}${path}` : path
}

/** The QR matrix as squares of whole pixels, centred in `box`: crisp modules, no blurry half pixels. */
export function qrModules(size: number, box: Rect): { cell: number; x: number; y: number } {
  const cell = Math.max(1, Math.floor(box.w / size))
  const used = cell * size
  return { cell, x: box.x + Math.floor((box.w - used) / 2), y: box.y + Math.floor((box.h - used) / 2) }
}

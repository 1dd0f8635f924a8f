import { encode } from 'uqr'
import { formatFen, tierProgress } from '@/domain'
import { colors, posterColors, tileColor } from '@/styles/theme'
import { coverSource, posterLayout, qrModules, wrapLines, type PosterLayout } from './layout'

/** The parts of the 2D context both targets have (a browser canvas, WeChat's type 2d canvas). */
export interface Ctx2D {
  fillStyle: string | CanvasGradient | CanvasPattern
  strokeStyle: string | CanvasGradient | CanvasPattern
  lineWidth: number
  font: string
  textAlign: CanvasTextAlign
  textBaseline: CanvasTextBaseline
  fillRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  measureText(text: string): { width: number }
  beginPath(): void
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
  arcTo(x1: number, y1: number, x2: number, y2: number, r: number): void
  closePath(): void
  fill(): void
  stroke(): void
  save(): void
  restore(): void
  clip(): void
  scale(x: number, y: number): void
  drawImage(image: CanvasImageSource, sx: number, sy: number, sw: number, sh: number, dx: number, dy: number, dw: number, dh: number): void
}

export interface PosterContent {
  dealId: string
  productName: string
  title: string
  spec: string
  priceFen: number
  listPriceFen: number
  count: number
  tiers: { threshold: number }[]
  nextTier: { threshold: number } | null
  /** "再邀2人 享¥8.80", or the lowest-price line */
  progressLabel: string
  /** "小敏 邀你一起拼" */
  inviterLine: string
  scanLine: string
  brand: string
  /** what the QR encodes (when there is no mini-program code) */
  qrText: string
  /** the sharer's invite, for the mini-program code's scene */
  inviteCode: string | null
}

/** A loaded picture, or null when it could not be drawn (the tile stands in). */
export type LoadedImage = { source: CanvasImageSource; width: number; height: number } | null

export const CANVAS_ID = 'share-poster-canvas'
/** 2 device pixels per logical pixel: sharp on a phone, small enough to save quickly. */
export const SCALE = 2

/** Anything with a width, height and an onload/onerror pair: a browser Image or WeChat's canvas image. */
export interface Picture {
  src: string
  width: number
  height: number
  onload: (() => void) | null
  onerror: (() => void) | null
}

/** Loads the product photo from `url`; null when it cannot be drawn (the poster shows a tile instead). */
export function loadPicture(make: () => Picture, url: string | undefined): Promise<LoadedImage> {
  if (!url) return Promise.resolve(null)
  return new Promise((resolve) => {
    const img = make()
    const timer = setTimeout(() => resolve(null), 4000)
    img.onload = () => {
      clearTimeout(timer)
      resolve(img.width > 0 && img.height > 0 ? { source: img as unknown as CanvasImageSource, width: img.width, height: img.height } : null)
    }
    img.onerror = () => {
      clearTimeout(timer)
      resolve(null)
    }
    img.src = url
  })
}

const FONT = '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif'
const GREEN = colors.green
const INK = colors.ink
const MUTED = colors.textMutedGreen
const RED = colors.orange

function roundRect(ctx: Ctx2D, x: number, y: number, w: number, h: number, r: number) {
  ctx.beginPath()
  ctx.moveTo(x + r, y)
  ctx.arcTo(x + w, y, x + w, y + h, r)
  ctx.arcTo(x + w, y + h, x, y + h, r)
  ctx.arcTo(x, y + h, x, y, r)
  ctx.arcTo(x, y, x + w, y, r)
  ctx.closePath()
}

function drawPhoto(ctx: Ctx2D, l: PosterLayout, image: LoadedImage, name: string) {
  const { x, y, w, h } = l.photo
  ctx.save()
  roundRect(ctx, x, y, w, h, 20)
  ctx.clip()
  if (image) {
    const src = coverSource(image.width, image.height, l.photo)
    ctx.drawImage(image.source, src.x, src.y, src.w, src.h, x, y, w, h)
  } else {
    // a coloured tile with the product's first character, like the app's own placeholder
    ctx.fillStyle = tileColor(name)
    ctx.fillRect(x, y, w, h)
    ctx.fillStyle = posterColors.tileSheen
    ctx.beginPath()
    ctx.moveTo(x + w * 0.55, y)
    ctx.lineTo(x + w, y)
    ctx.lineTo(x + w, y + h * 0.6)
    ctx.closePath()
    ctx.fill()
    ctx.fillStyle = colors.white
    ctx.font = `bold ${Math.round(h * 0.42)}px ${FONT}`
    ctx.textAlign = 'center'
    ctx.textBaseline = 'middle'
    ctx.fillText(Array.from(name.trim())[0] ?? '鲜', x + w / 2, y + h / 2)
    ctx.textAlign = 'left'
    ctx.textBaseline = 'alphabetic'
  }
  ctx.restore()
}

function drawQr(ctx: Ctx2D, l: PosterLayout, text: string) {
  const { data, size } = encode(text, { ecc: 'M', border: 1 })
  const box = l.qr
  ctx.fillStyle = colors.white
  roundRect(ctx, box.x - 8, box.y - 8, box.w + 16, box.h + 16, 12)
  ctx.fill()
  const { cell, x, y } = qrModules(size, box)
  ctx.fillStyle = INK
  data.forEach((row, r) => row.forEach((dark, c) => dark && ctx.fillRect(x + c * cell, y + r * cell, cell, cell)))
}

/** WeChat's mini-program code (round, on white) in the QR's place. */
function drawMiniCode(ctx: Ctx2D, l: PosterLayout, code: NonNullable<LoadedImage>) {
  const box = l.qr
  ctx.fillStyle = colors.white
  roundRect(ctx, box.x - 8, box.y - 8, box.w + 16, box.h + 16, 12)
  ctx.fill()
  ctx.drawImage(code.source, 0, 0, code.width, code.height, box.x, box.y, box.w, box.h)
}

/**
 * Draws the whole poster at `scale` device pixels per logical pixel; with `miniCode` (WeChat's
 * 小程序码, inside WeChat) in the corner, else a QR of `qrText`.
 */
export function drawPoster(ctx: Ctx2D, content: PosterContent, image: LoadedImage, scale: number, miniCode: LoadedImage = null) {
  const l = posterLayout()
  ctx.save()
  ctx.scale(scale, scale)

  // background: a soft green card
  ctx.fillStyle = colors.greenWash
  ctx.fillRect(0, 0, l.width, l.height)

  ctx.fillStyle = GREEN
  ctx.font = `bold 30px ${FONT}`
  ctx.fillText(content.brand, l.brand.x, l.brand.y)

  drawPhoto(ctx, l, image, content.productName)

  ctx.fillStyle = INK
  ctx.font = `bold 34px ${FONT}`
  const lines = wrapLines(content.title, l.title.maxWidth, l.title.maxLines, (s) => ctx.measureText(s).width)
  lines.forEach((line, i) => ctx.fillText(line, l.title.x, l.title.y + i * l.title.lineHeight))

  // the spec sits under the title's last line (a one-line title leaves no gap)
  ctx.fillStyle = MUTED
  ctx.font = `26px ${FONT}`
  ctx.fillText(content.spec, l.spec.x, l.spec.y - (l.title.maxLines - Math.max(1, lines.length)) * l.title.lineHeight)

  // current price big, the list price struck through beside it
  ctx.fillStyle = RED
  ctx.font = `bold 64px ${FONT}`
  const price = formatFen(content.priceFen)
  ctx.fillText(price, l.price.x, l.price.y)
  const priceW = ctx.measureText(price).width
  if (content.listPriceFen > content.priceFen) {
    ctx.fillStyle = MUTED
    ctx.font = `26px ${FONT}`
    const list = formatFen(content.listPriceFen)
    const lx = l.price.x + priceW + 16
    ctx.fillText(list, lx, l.price.y)
    const lw = ctx.measureText(list).width
    ctx.strokeStyle = MUTED
    ctx.lineWidth = 2
    ctx.beginPath()
    ctx.moveTo(lx, l.price.y - 9)
    ctx.lineTo(lx + lw, l.price.y - 9)
    ctx.stroke()
  }

  // tier progress
  const bar = l.progress.bar
  ctx.fillStyle = posterColors.progressTrack
  roundRect(ctx, bar.x, bar.y, bar.w, bar.h, bar.h / 2)
  ctx.fill()
  const frac = tierProgress(content.count, content.tiers, content.nextTier)
  ctx.fillStyle = GREEN
  roundRect(ctx, bar.x, bar.y, Math.max(bar.h, bar.w * frac), bar.h, bar.h / 2)
  ctx.fill()
  ctx.fillStyle = RED
  ctx.font = `bold 28px ${FONT}`
  ctx.fillText(content.progressLabel, bar.x, l.progress.labelY)

  // footer: who invites, and the QR of the invite
  ctx.fillStyle = colors.white
  ctx.fillRect(l.footer.x, l.footer.y, l.footer.w, l.footer.h)
  ctx.fillStyle = posterColors.qrFrame
  ctx.fillRect(l.footer.x, l.footer.y, l.footer.w, 2)
  ctx.fillStyle = INK
  ctx.font = `bold 30px ${FONT}`
  const who = wrapLines(content.inviterLine, l.inviter.maxWidth, 1, (s) => ctx.measureText(s).width)[0] ?? ''
  ctx.fillText(who, l.inviter.x, l.inviter.y)
  ctx.fillStyle = MUTED
  ctx.font = `24px ${FONT}`
  ctx.fillText(content.scanLine, l.inviter.x, l.inviter.y + 48)
  if (miniCode) drawMiniCode(ctx, l, miniCode)
  else drawQr(ctx, l, content.qrText)

  ctx.restore()
}

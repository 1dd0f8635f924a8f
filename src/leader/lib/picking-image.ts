import type { PickingList } from '@/api/leader'
import { lt } from '@/i18n/leader'
import { colors } from '@/styles/theme'

/** One line of the picking-list picture: text on the left, an optional figure on the right. */
export interface ImageLine {
  text: string
  right?: string
  size: number
  bold?: boolean
  color?: string
  /** extra space above */
  gap?: number
  rule?: boolean
}

export const IMAGE_WIDTH = 750
const PAD = 40

/** What the picture says, top to bottom: the same content as the screen, sized for a chat (./platform saves it). */
export function pickingLines(list: PickingList): ImageLine[] {
  const lines: ImageLine[] = [{ text: lt('picking.heading', { date: list.date }), size: 40, bold: true, color: colors.ink }]
  for (const p of list.pickupPoints) {
    lines.push({ text: p.pickupPoint.name, size: 34, bold: true, color: colors.greenDark, gap: 28, rule: true })
    lines.push({ text: p.pickupPoint.address, size: 24, color: colors.textMutedAlt })
    for (const prod of p.products) {
      lines.push({ text: `${prod.name} ${prod.spec}`, right: `× ${prod.quantity}`, size: 32, bold: true, color: colors.ink, gap: 12 })
    }
    lines.push({ text: lt('picking.shoppers', { n: p.shoppers.length }), size: 24, color: colors.textMutedAlt, gap: 12 })
    for (const s of p.shoppers) lines.push({ text: `${s.shopper}　${s.product}`, right: `× ${s.quantity}`, size: 28, color: colors.ink })
  }
  return lines
}

const lineHeight = (l: ImageLine) => Math.round(l.size * 1.6) + (l.gap ?? 0)

export const imageHeight = (lines: ImageLine[]) => PAD * 2 + lines.reduce((h, l) => h + lineHeight(l), 0)

export type PaintContext = Pick<
  CanvasRenderingContext2D,
  | 'fillStyle'
  | 'font'
  | 'textBaseline'
  | 'textAlign'
  | 'fillRect'
  | 'fillText'
  | 'strokeStyle'
  | 'lineWidth'
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'stroke'
>

export function paint(ctx: PaintContext, lines: ImageLine[], height: number) {
  ctx.fillStyle = colors.white
  ctx.fillRect(0, 0, IMAGE_WIDTH, height)
  let y = PAD
  for (const l of lines) {
    y += l.gap ?? 0
    if (l.rule) {
      ctx.strokeStyle = colors.line
      ctx.lineWidth = 2
      ctx.beginPath()
      ctx.moveTo(PAD, y - 8)
      ctx.lineTo(IMAGE_WIDTH - PAD, y - 8)
      ctx.stroke()
    }
    ctx.font = `${l.bold ? 'bold ' : ''}${l.size}px sans-serif`
    ctx.fillStyle = l.color ?? colors.ink
    ctx.textBaseline = 'top'
    ctx.textAlign = 'left'
    ctx.fillText(l.text, PAD, y)
    if (l.right) {
      ctx.textAlign = 'right'
      ctx.fillText(l.right, IMAGE_WIDTH - PAD, y)
    }
    y += Math.round(l.size * 1.6)
  }
}

import Taro from '@tarojs/taro'
import type { PickingList } from '@/api/leader'

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

const WIDTH = 750
const PAD = 40

/** What the picture says, top to bottom: the same content as the screen, sized for a chat. */
export function pickingLines(list: PickingList): ImageLine[] {
  const lines: ImageLine[] = [{ text: `配货单 · ${list.date}`, size: 40, bold: true, color: '#1f2a22' }]
  for (const p of list.pickupPoints) {
    lines.push({ text: p.pickupPoint.name, size: 34, bold: true, color: '#2b8a3e', gap: 28, rule: true })
    lines.push({ text: p.pickupPoint.address, size: 24, color: '#66706a' })
    for (const prod of p.products) {
      lines.push({ text: `${prod.name} ${prod.spec}`, right: `× ${prod.quantity}`, size: 32, bold: true, color: '#1f2a22', gap: 12 })
    }
    lines.push({ text: `顾客（${p.shoppers.length}）`, size: 24, color: '#66706a', gap: 12 })
    for (const s of p.shoppers) lines.push({ text: `${s.shopper}　${s.product}`, right: `× ${s.quantity}`, size: 28, color: '#1f2a22' })
  }
  return lines
}

const lineHeight = (l: ImageLine) => Math.round(l.size * 1.6) + (l.gap ?? 0)

export const imageHeight = (lines: ImageLine[]) => PAD * 2 + lines.reduce((h, l) => h + lineHeight(l), 0)

type Ctx = Pick<CanvasRenderingContext2D, 'fillStyle' | 'font' | 'textBaseline' | 'textAlign' | 'fillRect' | 'fillText' | 'strokeStyle' | 'lineWidth' | 'beginPath' | 'moveTo' | 'lineTo' | 'stroke'>

export function paint(ctx: Ctx, lines: ImageLine[], height: number) {
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, WIDTH, height)
  let y = PAD
  for (const l of lines) {
    y += l.gap ?? 0
    if (l.rule) {
      ctx.strokeStyle = '#e9ece8'
      ctx.lineWidth = 2
      ctx.beginPath()
      ctx.moveTo(PAD, y - 8)
      ctx.lineTo(WIDTH - PAD, y - 8)
      ctx.stroke()
    }
    ctx.font = `${l.bold ? 'bold ' : ''}${l.size}px sans-serif`
    ctx.fillStyle = l.color ?? '#1f2a22'
    ctx.textBaseline = 'top'
    ctx.textAlign = 'left'
    ctx.fillText(l.text, PAD, y)
    if (l.right) {
      ctx.textAlign = 'right'
      ctx.fillText(l.right, WIDTH - PAD, y)
    }
    y += Math.round(l.size * 1.6)
  }
}

/**
 * The picking list as a picture: saved as a PNG on H5; in WeChat, offered through the share-image
 * menu (send to a chat, save to the album).
 */
export async function sharePickingImage(list: PickingList): Promise<void> {
  const lines = pickingLines(list)
  const height = imageHeight(lines)
  if (process.env.TARO_ENV === 'h5') {
    const canvas = document.createElement('canvas')
    canvas.width = WIDTH
    canvas.height = height
    paint(canvas.getContext('2d')!, lines, height)
    const a = document.createElement('a')
    a.href = canvas.toDataURL('image/png')
    a.download = `配货单-${list.date}.png`
    document.body.appendChild(a)
    a.click()
    a.remove()
    return
  }
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width: WIDTH, height }) as unknown as {
    getContext: (t: '2d') => Ctx
    toDataURL: (type: string) => string
  }
  paint(canvas.getContext('2d'), lines, height)
  const base64 = canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '')
  const path = `${Taro.env.USER_DATA_PATH}/picking-${list.date}.png`
  Taro.getFileSystemManager().writeFileSync(path, base64, 'base64')
  await Taro.showShareImageMenu({ path })
}

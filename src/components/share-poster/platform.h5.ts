import Taro from '@tarojs/taro'
import { assetUrl } from '@/api'
import { t } from '@/i18n'
import { download } from '@/platform/download'
import { CANVAS_ID, SCALE, drawPoster, loadPicture, type Picture, type PosterContent } from './draw'
import { POSTER_HEIGHT, POSTER_WIDTH, posterQrText } from './layout'

export const qrText = (dealId: string, inviteCode: string | null) => posterQrText('h5', window.location.origin, dealId, inviteCode)

export const posterWords = { scan: 'poster.scanH5', save: 'poster.download', hint: 'poster.hintH5' } as const

/** The inner <canvas> of Taro's H5 Canvas, once it is in the page. */
async function canvasElement(): Promise<HTMLCanvasElement> {
  for (let i = 0; i < 40; i++) {
    const el = document.getElementById(CANVAS_ID)
    const canvas = (el?.tagName === 'CANVAS' ? el : el?.querySelector('canvas')) as HTMLCanvasElement | null
    if (canvas) return canvas
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('no canvas')
}

export async function drawPosterImage(data: PosterContent, photoUrl: string | undefined): Promise<string> {
  const canvas = await canvasElement()
  canvas.width = POSTER_WIDTH * SCALE
  canvas.height = POSTER_HEIGHT * SCALE
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('no 2d context')
  const image = await loadPicture(() => new window.Image() as unknown as Picture, photoUrl && assetUrl(photoUrl))
  drawPoster(ctx, data, image, SCALE)
  return canvas.toDataURL('image/png')
}

export async function savePoster(url: string, dealId: string): Promise<void> {
  download(url, `linli-${dealId}.png`)
  void Taro.showToast({ title: t('poster.downloaded'), icon: 'none' })
}

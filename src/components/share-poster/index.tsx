import { useEffect, useState } from 'react'
import { Button, Canvas, Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Popup } from '@nutui/nutui-react-taro'
import { assetUrl } from '@/api'
import { disabledWhen } from '@/components/button-state'
import { t, tierLabel } from '@/i18n'
import type { DealDetail } from '../../../types/api'
import { drawPoster, type Ctx2D, type LoadedImage, type PosterContent } from './draw'
import { POSTER_HEIGHT, POSTER_WIDTH, posterQrText } from './layout'
import './index.scss'

const CANVAS_ID = 'share-poster-canvas'
const IS_WEAPP = process.env.TARO_ENV === 'weapp'
/** 2 device pixels per logical pixel: sharp on a phone, small enough to save quickly. */
const SCALE = 2

interface Props {
  deal: DealDetail
  inviteCode: string | null
  /** the nickname of whoever shares (the signed-in shopper); empty when signed out */
  inviterName: string
  onClose: () => void
}

type Drawn = { url: string } | { error: string } | null

/** Anything with a width, height and an onload/onerror pair: a browser Image or WeChat's canvas image. */
interface Picture {
  src: string
  width: number
  height: number
  onload: (() => void) | null
  onerror: (() => void) | null
}

/** Loads the product photo; null when it cannot be drawn (the poster shows a tile instead). */
function loadPicture(make: () => Picture, src: string | undefined): Promise<LoadedImage> {
  if (!src) return Promise.resolve(null)
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
    img.src = assetUrl(src)
  })
}

function content(deal: DealDetail, inviteCode: string | null, inviterName: string): PosterContent {
  const origin = IS_WEAPP ? '' : window.location.origin
  return {
    dealId: deal.id,
    productName: deal.product.name,
    title: deal.title,
    spec: deal.product.spec,
    priceFen: deal.currentUnitPriceFen,
    listPriceFen: deal.listPriceFen,
    count: deal.count,
    tiers: deal.tiers,
    nextTier: deal.nextTier,
    progressLabel: tierLabel(deal.tierBasis, deal.nextTier) ?? t('tier.lowest'),
    inviterLine: inviterName ? t('poster.invites', { name: inviterName }) : t('poster.together'),
    scanLine: IS_WEAPP ? t('poster.scanWeapp') : t('poster.scanH5'),
    brand: t('app.brand'),
    qrText: posterQrText(IS_WEAPP ? 'weapp' : 'h5', origin, deal.id, inviteCode),
  }
}

/** The inner <canvas> of Taro's H5 Canvas, once it is in the page. */
async function h5Canvas(): Promise<HTMLCanvasElement> {
  for (let i = 0; i < 40; i++) {
    const el = document.getElementById(CANVAS_ID)
    const canvas = (el?.tagName === 'CANVAS' ? el : el?.querySelector('canvas')) as HTMLCanvasElement | null
    if (canvas) return canvas
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('no canvas')
}

async function drawOnH5(data: PosterContent, photo: string | undefined): Promise<string> {
  const canvas = await h5Canvas()
  canvas.width = POSTER_WIDTH * SCALE
  canvas.height = POSTER_HEIGHT * SCALE
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('no 2d context')
  const image = await loadPicture(() => new window.Image() as unknown as Picture, photo)
  drawPoster(ctx, data, image, SCALE)
  return canvas.toDataURL('image/png')
}

interface WeappCanvas {
  width: number
  height: number
  getContext: (kind: '2d') => Ctx2D
  createImage: () => Picture
}

async function drawOnWeapp(data: PosterContent, photo: string | undefined): Promise<string> {
  const canvas = await new Promise<WeappCanvas>((resolve, reject) =>
    Taro.createSelectorQuery()
      .select(`#${CANVAS_ID}`)
      .fields({ node: true, size: true })
      .exec((res) => (res?.[0]?.node ? resolve(res[0].node as WeappCanvas) : reject(new Error('no canvas')))),
  )
  canvas.width = POSTER_WIDTH * SCALE
  canvas.height = POSTER_HEIGHT * SCALE
  const ctx = canvas.getContext('2d')
  const image = await loadPicture(() => canvas.createImage(), photo)
  drawPoster(ctx, data, image, SCALE)
  const { tempFilePath } = await Taro.canvasToTempFilePath({
    canvas: canvas as unknown as Taro.canvasToTempFilePath.Option['canvas'],
    fileType: 'png',
  } as Taro.canvasToTempFilePath.Option)
  return tempFilePath
}

/** The photos permission was refused (now or earlier): say so and offer the settings page. */
function refusedAlbum(e: unknown): boolean {
  const msg = (e as { errMsg?: string })?.errMsg ?? ''
  return /auth|deny|denied|authorize/i.test(msg)
}

/**
 * "生成分享海报": the deal drawn on a canvas (photo, price, tier progress, who invites, a QR of the
 * invite), shown as a picture, saved to the album in WeChat or downloaded in a browser.
 */
export function SharePoster({ deal, inviteCode, inviterName, onClose }: Props) {
  const [drawn, setDrawn] = useState<Drawn>(null)
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    let live = true
    const data = content(deal, inviteCode, inviterName)
    // let the canvas mount first
    const timer = setTimeout(() => {
      const run = IS_WEAPP ? drawOnWeapp : drawOnH5
      run(data, deal.product.images[0])
        .then((url) => live && setDrawn({ url }))
        .catch(() => live && setDrawn({ error: t('poster.failed') }))
    }, 60)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [deal, inviteCode, inviterName])

  const save = async () => {
    if (!drawn || !('url' in drawn)) return
    if (!IS_WEAPP) {
      const a = document.createElement('a')
      a.href = drawn.url
      a.download = `linli-${deal.id}.png`
      document.body.appendChild(a)
      a.click()
      a.remove()
      void Taro.showToast({ title: t('poster.downloaded'), icon: 'none' })
      return
    }
    setSaving(true)
    try {
      await Taro.saveImageToPhotosAlbum({ filePath: drawn.url })
      void Taro.showToast({ title: t('poster.saved'), icon: 'success' })
    } catch (e) {
      if (refusedAlbum(e)) {
        const { confirm } = await Taro.showModal({
          title: t('poster.deniedTitle'),
          content: t('poster.deniedBody'),
          confirmText: t('poster.openSettings'),
        })
        if (confirm) void Taro.openSetting()
      } else if (!/cancel/i.test((e as { errMsg?: string })?.errMsg ?? '')) {
        void Taro.showToast({ title: t('poster.saveFailed'), icon: 'none' })
      }
    } finally {
      setSaving(false)
    }
  }

  return (
    <Popup visible position='bottom' round closeable title={t('poster.title')} onClose={onClose}>
      <View className='poster'>
        <Canvas
          type='2d'
          id={CANVAS_ID}
          canvasId={CANVAS_ID}
          className='poster__canvas'
          style={{ width: `${POSTER_WIDTH}px`, height: `${POSTER_HEIGHT}px` }}
        />
        <View className='poster__preview'>
          {drawn && 'url' in drawn ? (
            <Image className='poster__image' src={drawn.url} mode='aspectFit' ariaLabel={t('poster.title')} showMenuByLongpress />
          ) : (
            <Text className='poster__status' role={drawn ? 'alert' : undefined}>
              {drawn ? drawn.error : t('poster.drawing')}
            </Text>
          )}
        </View>
        <Button
          role='button'
          className={`poster__save ${!drawn || !('url' in drawn) || saving ? 'is-off' : ''}`}
          disabled={disabledWhen(!drawn || !('url' in drawn) || saving)}
          onClick={() => void save()}
        >
          {IS_WEAPP ? t('poster.saveAlbum') : t('poster.download')}
        </Button>
        <Text className='poster__hint'>{IS_WEAPP ? t('poster.hintWeapp') : t('poster.hintH5')}</Text>
      </View>
    </Popup>
  )
}

import Taro from '@tarojs/taro'
import { assetUrl } from '@/api'
import { wxacodeUrl } from '@/api/wxacode'
import { showModal, t } from '@/i18n'
import { CANVAS_ID, SCALE, drawPoster, loadPicture, type Ctx2D, type Picture, type PosterContent } from './draw'
import { POSTER_HEIGHT, POSTER_WIDTH, posterQrText } from './layout'

export const qrText = (dealId: string, inviteCode: string | null) => posterQrText('weapp', '', dealId, inviteCode)

export const posterWords = { scan: 'poster.scanWeapp', save: 'poster.saveAlbum', hint: 'poster.hintWeapp' } as const

interface WeappCanvas {
  width: number
  height: number
  getContext: (kind: '2d') => Ctx2D
  createImage: () => Picture
}

const header = (headers: Record<string, unknown> | undefined, name: string) =>
  String(Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1] ?? '')

/**
 * The deal's mini-program code (小程序码) with the invite in its scene, as a local file the canvas
 * can draw: the server answers the image's bytes (made once per deal and invite). Null when there
 * is none to be had (WeChat not set up on the server, a refusal, offline): the poster keeps its QR.
 */
export async function miniCodeFile(dealId: string, inviteCode: string | null): Promise<string | null> {
  try {
    const res = await Taro.request({ url: wxacodeUrl(dealId, inviteCode), method: 'GET', responseType: 'arraybuffer' })
    const type = header(res.header, 'content-type')
    if (res.statusCode !== 200 || !/^image\/(jpeg|png)/.test(type)) return null
    const filePath = `${Taro.env.USER_DATA_PATH}/wxacode-${dealId}-${inviteCode ?? 'plain'}.${type.includes('png') ? 'png' : 'jpg'}`
    await new Promise((resolve, reject) =>
      Taro.getFileSystemManager().writeFile({ filePath, data: res.data as ArrayBuffer, success: resolve, fail: reject }),
    )
    return filePath
  } catch {
    return null
  }
}

export async function drawPosterImage(data: PosterContent, photoUrl: string | undefined): Promise<string> {
  const canvas = await new Promise<WeappCanvas>((resolve, reject) =>
    Taro.createSelectorQuery()
      .select(`#${CANVAS_ID}`)
      .fields({ node: true, size: true })
      .exec((res) => (res?.[0]?.node ? resolve(res[0].node as WeappCanvas) : reject(new Error('no canvas')))),
  )
  canvas.width = POSTER_WIDTH * SCALE
  canvas.height = POSTER_HEIGHT * SCALE
  const ctx = canvas.getContext('2d')
  const [image, miniCode] = await Promise.all([
    loadPicture(() => canvas.createImage(), photoUrl && assetUrl(photoUrl)),
    miniCodeFile(data.dealId, data.inviteCode).then((file) => (file ? loadPicture(() => canvas.createImage(), file) : null)),
  ])
  drawPoster(ctx, data, image, SCALE, miniCode)
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

export async function savePoster(url: string): Promise<void> {
  try {
    await Taro.saveImageToPhotosAlbum({ filePath: url })
    void Taro.showToast({ title: t('poster.saved'), icon: 'success' })
  } catch (e) {
    if (refusedAlbum(e)) {
      const { confirm } = await showModal({
        title: t('poster.deniedTitle'),
        content: t('poster.deniedBody'),
        confirmText: t('poster.openSettings'),
      })
      if (confirm) void Taro.openSetting()
    } else if (!/cancel/i.test((e as { errMsg?: string })?.errMsg ?? '')) {
      void Taro.showToast({ title: t('poster.saveFailed'), icon: 'none' })
    }
  }
}

import { drawPoster, type Ctx2D, type PosterContent } from '@/components/share-poster/draw'
import { posterLayout } from '@/components/share-poster/layout'

/** A 2D context that remembers what was drawn where (in the poster's logical pixels: scale 1). */
function recordingCtx() {
  const images: number[][] = []
  const squares: number[][] = []
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    font: '',
    textAlign: 'left',
    textBaseline: 'alphabetic',
    fillRect: (x: number, y: number, w: number, h: number) => squares.push([x, y, w, h]),
    fillText: () => undefined,
    measureText: (s: string) => ({ width: s.length * 10 }),
    beginPath: () => undefined,
    moveTo: () => undefined,
    lineTo: () => undefined,
    arcTo: () => undefined,
    closePath: () => undefined,
    fill: () => undefined,
    stroke: () => undefined,
    save: () => undefined,
    restore: () => undefined,
    clip: () => undefined,
    scale: () => undefined,
    drawImage: (...args: unknown[]) => images.push((args.slice(5) as number[]).map(Number)),
  } as unknown as Ctx2D
  return { ctx, images, squares }
}

const content: PosterContent = {
  dealId: 'd-orange',
  productName: '赣南脐橙',
  title: '赣南脐橙 现摘现发',
  spec: '5斤/箱',
  priceFen: 990,
  listPriceFen: 1280,
  count: 3,
  tiers: [{ threshold: 1 }, { threshold: 5 }],
  nextTier: { threshold: 5 },
  progressLabel: '再邀2人 享¥8.80',
  inviterLine: '小梅 邀你一起拼',
  scanLine: '长按识别小程序码参团',
  brand: '邻里团',
  qrText: '/pages/deal/index?id=d-orange&invite=MEI1',
  inviteCode: 'MEI1',
}

const inBox = (x: number, y: number, box: { x: number; y: number; w: number; h: number }) =>
  x >= box.x && y >= box.y && x < box.x + box.w && y < box.y + box.h

describe("the poster's code corner", () => {
  it("draws WeChat's mini-program code in the QR's box, and no QR modules", () => {
    const { ctx, images, squares } = recordingCtx()
    const code = { source: {} as CanvasImageSource, width: 280, height: 280 }
    drawPoster(ctx, content, null, 1, code)
    const box = posterLayout().qr
    expect(images).toContainEqual([box.x, box.y, box.w, box.h])
    expect(squares.filter(([x, y]) => inBox(x, y, box))).toEqual([])
  })

  it('draws the QR of the link when there is no mini-program code (H5, or none to be had)', () => {
    const { ctx, images, squares } = recordingCtx()
    drawPoster(ctx, content, null, 1)
    const box = posterLayout().qr
    expect(images).toEqual([])
    expect(squares.filter(([x, y]) => inBox(x, y, box)).length).toBeGreaterThan(100)
  })
})

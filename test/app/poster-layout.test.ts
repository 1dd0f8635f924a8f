import { encode } from 'uqr'
import { dealPath, tierProgress } from '@/domain'
import { coverSource, posterLayout, posterQrText, qrModules, wrapLines } from '@/components/share-poster/layout'

// every character 10 px wide: easy to reason about
const measure = (s: string) => Array.from(s).length * 10

describe('the share poster layout', () => {
  it('keeps every block inside the poster, top to bottom, the QR in the footer', () => {
    const l = posterLayout()
    expect(l.photo.x + l.photo.w).toBeLessThanOrEqual(l.width)
    expect(l.photo.y + l.photo.h).toBeLessThan(l.title.y)
    expect(l.title.y + l.title.maxLines * l.title.lineHeight).toBeLessThanOrEqual(l.price.y)
    expect(l.price.y).toBeLessThan(l.progress.bar.y)
    expect(l.progress.labelY).toBeLessThan(l.footer.y)
    expect(l.qr.y).toBeGreaterThanOrEqual(l.footer.y)
    expect(l.qr.y + l.qr.h).toBeLessThanOrEqual(l.height)
    expect(l.inviter.x + l.inviter.maxWidth).toBeLessThan(l.qr.x)
  })

  it('wraps a Chinese title by character and ends the last line with an ellipsis', () => {
    expect(wrapLines('赣南脐橙现摘现发', 40, 2, measure)).toEqual(['赣南脐橙', '现摘现发'])
    expect(wrapLines('赣南脐橙现摘现发一箱五斤', 40, 2, measure)).toEqual(['赣南脐橙', '现摘现…'])
    expect(wrapLines('短', 40, 2, measure)).toEqual(['短'])
    expect(wrapLines('', 40, 2, measure)).toEqual([])
  })

  it('never loses a character wider than the line on its own', () => {
    expect(wrapLines('ab', 5, 3, measure)).toEqual(['a', 'b'])
  })

  it('crops a photo like object-fit: cover, centred', () => {
    // a square image into a wide box: full width, the middle band of the height
    expect(coverSource(400, 400, { w: 400, h: 200 })).toEqual({ x: 0, y: 100, w: 400, h: 200 })
    // a tall image into a square box
    expect(coverSource(200, 400, { w: 100, h: 100 })).toEqual({ x: 0, y: 100, w: 200, h: 200 })
    expect(coverSource(0, 0, { w: 100, h: 100 })).toEqual({ x: 0, y: 0, w: 0, h: 0 })
  })

  it('fills the progress bar from the last reached tier to the next one', () => {
    const tiers = [{ threshold: 1 }, { threshold: 5 }, { threshold: 10 }]
    expect(tierProgress(3, tiers, { threshold: 5 })).toBe(0.6) // the first tier counts from nobody
    expect(tierProgress(1, [{ threshold: 1 }, { threshold: 2 }], { threshold: 2 })).toBe(0.5)
    expect(tierProgress(7, tiers, { threshold: 10 })).toBe(0.4)
    expect(tierProgress(5, tiers, { threshold: 10 })).toBeCloseTo(0.04) // just reached: a sliver shows
    expect(tierProgress(12, tiers, null)).toBe(1)
  })

  it('puts the full H5 address in the QR in a browser and the mini-program path in WeChat', () => {
    expect(dealPath('d 1', 'AB12')).toBe('/pages/deal/index?id=d%201&invite=AB12')
    expect(dealPath('d1', null)).toBe('/pages/deal/index?id=d1')
    expect(posterQrText('h5', 'http://127.0.0.1:3000/', 'd1', 'AB12')).toBe('http://127.0.0.1:3000/pages/deal/index?id=d1&invite=AB12')
    expect(posterQrText('weapp', '', 'd1', 'AB12')).toBe('/pages/deal/index?id=d1&invite=AB12')
  })

  it('draws QR modules on whole pixels, centred in the box', () => {
    const { size } = encode('http://127.0.0.1:3000/pages/deal/index?id=d1&invite=AB12', { ecc: 'M', border: 1 })
    const box = { x: 400, y: 830, w: 150, h: 150 }
    const { cell, x, y } = qrModules(size, box)
    expect(Number.isInteger(cell)).toBe(true)
    expect(cell * size).toBeLessThanOrEqual(box.w)
    expect(x - box.x).toBe(box.x + box.w - (x + cell * size) - ((box.w - cell * size) % 2))
    expect(y).toBeGreaterThanOrEqual(box.y)
  })
})

import { encode } from 'uqr'
import { qrDataUri } from '@/components/pickup-qr'

describe('the pickup QR', () => {
  it('draws every dark module of the code into an SVG the image can show', () => {
    const payload = 'o-1.482913.c2lnbmF0dXJl'
    const uri = qrDataUri(payload)
    const svg = Buffer.from(uri.replace('data:image/svg+xml;base64,', ''), 'base64').toString('ascii')
    const { data, size } = encode(payload, { ecc: 'M', border: 2 })
    const dark = data.flat().filter(Boolean).length
    expect(svg).toContain(`viewBox="0 0 ${size} ${size}"`)
    expect(svg.match(/h1v1h-1z/g)).toHaveLength(dark)
  })
})

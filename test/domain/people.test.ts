import fc from 'fast-check'
import { maskName, maskPhone } from '@/domain'

describe('a picking list shows shoppers masked', () => {
  it.each([
    ['张小梅', '张*梅'],
    ['欧阳娜娜', '欧**娜'],
    ['张三', '张*'],
    ['王', '王*'],
    ['Li', 'L*'],
    ['Mei Ling', 'M******g'],
    ['  张小梅  ', '张*梅'],
    ['', '*'],
    ['   ', '*'],
    ['🍓小梅', '🍓*梅'], // an emoji is one character, not two halves
  ])('maskName(%p) is %p', (name, masked) => {
    expect(maskName(name)).toBe(masked)
  })

  it('never shows more than the first and last character, and always hides something (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', minLength: 1, maxLength: 12 }), (raw) => {
        const name = raw.trim()
        const masked = maskName(raw)
        const chars = Array.from(name)
        expect(masked).toContain('*')
        if (chars.length === 0) return
        expect(Array.from(masked)[0]).toBe(chars[0])
        if (chars.length <= 2) expect(masked).toBe(`${chars[0]}*`)
        else expect(Array.from(masked)).toEqual([chars[0], ...Array(chars.length - 2).fill('*'), chars[chars.length - 1]])
      }),
    )
  })

  it.each([
    ['13812345678', '138****5678'],
    ['138-1234-5678', '138****5678'],
    ['138 1234 5678', '138****5678'],
    ['+86 138 1234 5678', '138****5678'],
    ['8613812345678', '138****5678'],
    ['021-6234-5678', '021****5678'], // a landline with its area code
    ['62345678', '****5678'],
    ['1234567', '****567'],
    ['0086 138 1234 5678', '138****5678'],
    ['12345', '****5'],
    ['1234', '****'],
    ['', ''],
  ])('maskPhone(%p) is %p', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked)
  })

  it('always hides at least four digits, all of a short number, and shows at most seven (property)', () => {
    const written = fc
      .tuple(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 16 }), fc.constantFrom('', ' ', '-'))
      .map(([ds, sep]) => ds.map(String).join(sep))
    fc.assert(
      fc.property(written, (phone) => {
        const digits = phone.replace(/\D/g, '')
        const masked = maskPhone(phone)
        const shown = masked.replace(/\*/g, '')
        expect(masked).toMatch(/^[0-9*]*$/)
        expect(shown.length).toBeLessThanOrEqual(7)
        expect(shown.length).toBeLessThanOrEqual(Math.max(0, digits.length - 4))
        if (digits.length > 0) expect(masked).toContain('****'.slice(0, Math.min(4, digits.length)))
        // what is shown is the number's own first and last digits
        const [head, tail] = masked.split(/\*+/)
        expect(digits.includes(head) && digits.endsWith(tail ?? '')).toBe(true)
      }),
    )
  })
})

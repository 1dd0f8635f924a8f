/** "Zhao" -> "Z**o"; two characters or fewer keep only the first ("Li" -> "L*"): enough for a picking list, not for a stranger. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length === 0) return '*'
  if (chars.length <= 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

/**
 * "13812345678" / "+86 138-1234-5678" -> "138****5678"; a shorter number shows at most its last four
 * digits and always hides at least four ("62345678" -> "****5678", "1234567" -> "****567").
 */
export function maskPhone(phone: string): string {
  let digits = phone.replace(/\D/g, '')
  // China's country code, written "+86" or "0086", is not part of the number
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2)
  else if (digits.length === 15 && digits.startsWith('0086')) digits = digits.slice(4)
  if (digits.length <= 4) return '*'.repeat(digits.length)
  if (digits.length < 11) return `****${digits.slice(-Math.min(4, digits.length - 4))}`
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`
}

/**
 * the number to dial for a contact a leader typed ("138 0000 1111", "027-8765 4321",
 * "+86 138..."), or null when it is no phone number (a WeChat ID): only then is it tappable.
 */
export function dialNumber(contact: string): string | null {
  const text = contact.trim()
  if (!/^\+?[\d\s()-]+$/.test(text)) return null
  const digits = text.replace(/[^\d+]/g, '')
  const count = digits.replace(/\D/g, '').length
  return count >= 5 && count <= 15 ? digits : null
}

/** "张小梅" -> "张*梅", "Li" -> "L*", "王" -> "王*": enough for a picking list, not for a stranger. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length === 0) return '*'
  if (chars.length <= 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

/** "13812345678" -> "138****5678" */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  if (digits.length < 7) return '*'.repeat(digits.length)
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`
}

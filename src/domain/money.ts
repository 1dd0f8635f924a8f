/** Money is an integer number of fen (a hundredth of a yuan). Never a float. */

export function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`)
}

/** 1280 -> "¥12.80"; -50 -> "-¥0.50" */
export function formatFen(fen: number): string {
  assertFen(fen)
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100)
  const cents = String(abs % 100).padStart(2, '0')
  return `${sign}¥${yuan}.${cents}`
}

/** "12.8" / "12.80" / "12" -> 1280; anything else (negative, 3 decimals, text) -> null */
export function parseYuan(text: string): number | null {
  const m = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(text)
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}

/** commission on a final value at a rate in basis points, rounded down to whole fen */
export function commissionFen(valueFen: number, rateBps: number): number {
  assertFen(valueFen)
  return Math.floor((valueFen * rateBps) / 10_000)
}

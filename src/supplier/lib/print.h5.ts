export const canPrint = typeof window !== 'undefined' && typeof window.print === 'function'

export function printPage(): void {
  window.print()
}

/**
 * What a refusal reads as. The server answers `{ error: { code, message, params? } }`; the app words
 * each code it knows itself, in the reader's language and filled from the error's params, and
 * falls back to the server's (Chinese) message for a code it does not know.
 */
import { formatShanghai } from '@/domain'
import { dateTimeLabel, t } from './index'
import type { Params } from './translator'

/** A table of error sentences by key, in the current language (the leader console adds its own). */
export type ErrorWords = { has(key: string): boolean; (key: never, params?: Params): string }

const tables: ErrorWords[] = [t]

/** The leader console registers its own codes' words when its subpackage loads. */
export function addErrorWords(words: ErrorWords) {
  if (!tables.includes(words)) tables.push(words)
}

/** A code whose sentence depends on its numbers picks its variant here. */
function keyFor(code: string, params: Params = {}): { key: string; params: Params } {
  if (code === 'OVER_LIMIT' && Number(params.mine) > 0) return { key: 'error.OVER_LIMIT_MINE', params }
  if (code === 'CODE_ALREADY_USED' && typeof params.pickedUpAt === 'string') {
    return { key: 'error.CODE_ALREADY_USED_AT', params: { ...params, time: dateTimeLabel(params.pickedUpAt) } }
  }
  if (code === 'PAYMENT_CANCELLED' && typeof params.heldUntil === 'string') {
    return { key: 'error.PAYMENT_CANCELLED_UNTIL', params: { ...params, time: formatShanghai(params.heldUntil, 'HH:mm') } }
  }
  return { key: `error.${code}`, params }
}

/** The app's sentence for a code, or null when no table knows it (or its numbers are missing). */
export function knownErrorText(code: string, params?: Params): string | null {
  const { key, params: filled } = keyFor(code, params)
  const words = tables.find((table) => table.has(key))
  if (!words) return null
  const text = words(key as never, filled)
  return /\{\w+\}/.test(text) ? null : text
}

/** The sentence to show: the app's for a known code, else the server's message, else a general one. */
export function errorText(code: string, serverMessage?: string, params?: Params): string {
  return knownErrorText(code, params) ?? serverMessage ?? t('error.UNKNOWN')
}

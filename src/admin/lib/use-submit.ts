import { useState } from 'react'
import Taro from '@tarojs/taro'
import { ApiError } from '@/api/client'
import { at } from '@/i18n/admin'

/** What a failed request reads as: the error's own words (already in the reader's language), or ours. */
export const failureText = (e: unknown): string => (e instanceof ApiError ? e.message : at('common.failed'))

/**
 * The one way a console action sends: `busy` while it runs, the notice cleared on each try and set
 * to the failure's words; a success toast. Resolves to `{ value }` or null (the notice says why).
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState('')
  const run = async <T>(action: () => Promise<T>, done?: string): Promise<{ value: T } | null> => {
    setBusy(true)
    setMessage('')
    try {
      const value = await action()
      if (done) void Taro.showToast({ title: done, icon: 'success' })
      return { value }
    } catch (e) {
      setMessage(failureText(e))
      return null
    } finally {
      setBusy(false)
    }
  }
  return { busy, message, setMessage, run }
}

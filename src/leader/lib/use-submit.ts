import { useState } from 'react'
import Taro from '@tarojs/taro'
import { ApiError } from '@/api'
import { lt, type LeaderKey } from '@/i18n/leader'

/** What a failed request reads as: the error's own words (already in the reader's language), or ours. */
export const failureText = (e: unknown, fallback: LeaderKey = 'common.failed'): string => (e instanceof ApiError ? e.message : lt(fallback))

interface RunOptions {
  /** a success toast */
  done?: string
  /** say a failure in a toast instead of the form's notice (a dashboard has no notice line) */
  toast?: boolean
}

/**
 * The one way a leader form sends: `busy` while the request runs (buttons disable), the notice
 * cleared on each try and set to the failure's words. `run` resolves to `{ value }` on success,
 * `null` when it failed (the notice already says why).
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState('')

  const run = async <T>(action: () => Promise<T>, { done, toast }: RunOptions = {}): Promise<{ value: T } | null> => {
    setBusy(true)
    setMessage('')
    try {
      const value = await action()
      if (done) void Taro.showToast({ title: done, icon: 'success' })
      return { value }
    } catch (e) {
      if (toast) void Taro.showToast({ title: failureText(e), icon: 'none' })
      else setMessage(failureText(e))
      return null
    } finally {
      setBusy(false)
    }
  }

  return { busy, message, setMessage, run }
}

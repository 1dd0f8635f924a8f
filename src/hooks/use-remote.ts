import { startTransition, useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from '@/api'

export interface Remote<T> {
  data: T | null
  error: ApiError | null
  loading: boolean
  /** fetch again; keeps showing the old data meanwhile (pull-to-refresh, silent refresh) */
  reload: () => Promise<void>
}

/** Load once when `deps` change; the latest answer wins when requests overlap. */
export function useRemote<T>(fetcher: () => Promise<T>, deps: unknown[]): Remote<T> {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)
  const latest = useRef(0)
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(fetcher, deps)

  const reload = useCallback(async () => {
    const ticket = ++latest.current
    setLoading(true)
    try {
      const result = await run()
      if (ticket !== latest.current) return
      // a list of cards is drawn in slices the browser can interrupt (no long task on a slow phone)
      startTransition(() => {
        setData(result)
        setError(null)
      })
    } catch (e) {
      if (ticket !== latest.current) return
      setError(e instanceof ApiError ? e : ApiError.of('UNKNOWN'))
    } finally {
      if (ticket === latest.current) setLoading(false)
    }
  }, [run])

  useEffect(() => {
    void reload()
  }, [reload])

  return { data, error, loading, reload }
}

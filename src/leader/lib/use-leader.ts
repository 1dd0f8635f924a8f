import { useEffect, useState } from 'react'
import { getMe } from '@/api'
import { useSession } from '@/stores/session'

/**
 * The signed-in user with fresh roles: an approval made while the app was open shows at once.
 * `ready` turns true after the server answered (or when nobody is signed in).
 */
export function useLeader() {
  const token = useSession((s) => s.token)
  const user = useSession((s) => s.user)
  const [ready, setReady] = useState(false)

  useEffect(() => {
    let live = true
    if (!token) {
      setReady(true)
      return
    }
    setReady(false)
    getMe()
      .then((me) => live && useSession.getState().setUser(me))
      .catch(() => undefined) // keep the stored user; a 401 signs out in the client
      .finally(() => live && setReady(true))
    return () => {
      live = false
    }
  }, [token])

  const roles = user?.roles ?? []
  return {
    token,
    user,
    ready,
    isLeader: roles.includes('leader'),
    isAdmin: roles.includes('admin'),
  }
}

export const go = (page: string, query: Record<string, string> = {}) => {
  const qs = Object.entries(query)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')
  return `/leader/pages/${page}/index${qs ? `?${qs}` : ''}`
}

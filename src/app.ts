import { type PropsWithChildren } from 'react'
import Taro, { useLaunch, usePageNotFound } from '@tarojs/taro'
// NutUI's theme file (25 KB: tokens for every component and an embedded digit font) is not
// imported: the two components used (Popup, Empty) bring their own styles, whose every token has a
// fallback equal to the default theme's value; app.scss sets the tokens we change
import { getMe } from '@/api'
import { installPageGuard } from '@/platform/page-guard'
import { useSession } from '@/stores/session'
import './app.scss'

// a page or request that cannot be fetched says so, with a retry
installPageGuard()

// order, pickup points and messages moved into the shopper subpackage; a link to the old path (a
// WeChat message or a share sent before) still opens the page, with its query
const MOVED_PAGE = /^\/?(pages\/(?:order|pickup-points|messages)\/index)$/

function App({ children }: PropsWithChildren) {
  usePageNotFound(({ path, query }) => {
    const moved = MOVED_PAGE.exec(path)
    if (!moved) return
    const search = Object.entries(query ?? {})
      .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
      .join('&')
    void Taro.redirectTo({ url: `/shopper/${moved[1]}${search ? `?${search}` : ''}` })
  })
  useLaunch(() => {
    // location is asked only on a tap (home's hero line); every page works without it
    // roles change (a shopper becomes a leader); an expired session is dropped by the client on 401
    if (useSession.getState().token) {
      getMe()
        .then((user) => useSession.getState().setUser(user))
        .catch(() => undefined)
    }
  })
  return children
}

export default App

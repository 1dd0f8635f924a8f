import { type PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
// NutUI's theme file (25 KB: tokens for every component and an embedded digit font) is not
// imported: the two components used (Popup, Empty) bring their own styles, whose every token has a
// fallback equal to the default theme's value; app.scss sets the tokens we change
import { getMe } from '@/api'
import { installPageGuard } from '@/platform/page-guard'
import { useSession } from '@/stores/session'
import './app.scss'

// a page or request that cannot be fetched says so, with a retry
installPageGuard()

function App({ children }: PropsWithChildren) {
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

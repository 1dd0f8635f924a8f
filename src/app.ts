import { type PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import { getMe } from '@/api'
import { installPageGuard } from '@/platform/page-guard'
import { useSession } from '@/stores/session'
import './app.scss'

// a page or request that cannot be fetched says so, with a retry (SPEED)
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

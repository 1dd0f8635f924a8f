import { type PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import { getMe } from '@/api'
import { useLocation } from '@/stores/location'
import { useSession } from '@/stores/session'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // ask once at launch; every page works without it (no distances, server's default order)
    void useLocation.getState().locate()
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

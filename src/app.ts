import { type PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import { useLocation } from '@/stores/location'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // ask once at launch; every page works without it (no distances, server's default order)
    void useLocation.getState().locate()
  })
  return children
}

export default App

import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Popup } from '@nutui/nutui-react-taro'
import { ApiError, devLogin, listDevUsers, wechatLogin } from '@/api'
import { useSession } from '@/stores/session'
import type { User } from '../../types/api'
import './sign-in.scss'

const DEV_LOGIN = process.env.TARO_APP_DEV_LOGIN === 'true'

function DemoUserPicker({ onPicked, onClose }: { onPicked: () => void; onClose: () => void }) {
  const [users, setUsers] = useState<User[] | null>(null)
  const [message, setMessage] = useState('')
  useEffect(() => {
    listDevUsers()
      .then((r) => setUsers(r.users.filter((u) => u.handle)))
      .catch(() => setMessage('此环境未开放体验登录，请在微信中打开邻里团')) // dev login is off
  }, [])

  const pick = async (handle: string, nickname?: string) => {
    try {
      useSession.getState().signIn(await devLogin({ handle, nickname }))
      onPicked()
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : '登录失败，请重试')
    }
  }

  return (
    <Popup visible position='bottom' round closeable title='选择体验账号' onClose={onClose}>
      <View className='sign-in'>
        <Text className='sign-in__note'>开发环境 · 模拟登录（不会连接微信）</Text>
        {users === null && !message && <Text className='sign-in__note'>加载中…</Text>}
        {users?.map((u) => (
          <View key={u.id} className='sign-in__user' role='button' onClick={() => void pick(u.handle!)}>
            <View className='sign-in__avatar'>{Array.from(u.nickname)[0]}</View>
            <Text className='sign-in__name'>{u.nickname}</Text>
            <Text className='sign-in__role'>{u.roles.includes('leader') ? '团长' : '邻居'}</Text>
          </View>
        ))}
        {users !== null && (
          <View
            className='sign-in__user sign-in__user--guest'
            role='button'
            onClick={() => void pick(`guest-${Date.now().toString(36)}`, `邻居${String(Date.now()).slice(-4)}`)}
          >
            <View className='sign-in__avatar'>新</View>
            <Text className='sign-in__name'>以新邻居身份体验</Text>
          </View>
        )}
        {message && <Text className='sign-in__error'>{message}</Text>}
      </View>
    </Popup>
  )
}

/**
 * `signIn()` resolves true once there is a session: in WeChat through Taro.login, on H5 through
 * the demo-user picker (only where the server offers dev login). Render `sheet` somewhere on the page.
 */
export function useSignIn() {
  const [picking, setPicking] = useState(false)
  const settle = useRef<(ok: boolean) => void>()

  const signIn = async (): Promise<boolean> => {
    if (useSession.getState().token) return true
    if (process.env.TARO_ENV === 'weapp') {
      try {
        const { code } = await Taro.login()
        useSession.getState().signIn(await wechatLogin(code))
        return true
      } catch (e) {
        void Taro.showToast({ title: e instanceof ApiError ? e.message : '微信登录失败', icon: 'none' })
        return false
      }
    }
    if (!DEV_LOGIN) {
      void Taro.showToast({ title: '请在微信中打开邻里团', icon: 'none' })
      return false
    }
    return new Promise<boolean>((resolve) => {
      settle.current = resolve
      setPicking(true)
    })
  }

  const finish = (ok: boolean) => {
    setPicking(false)
    settle.current?.(ok)
    settle.current = undefined
  }

  const sheet = picking ? <DemoUserPicker onPicked={() => finish(true)} onClose={() => finish(false)} /> : null
  return { signIn, sheet }
}

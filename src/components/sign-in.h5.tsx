import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Popup } from '@nutui/nutui-react-taro'
import { ApiError, devLogin, listDevUsers } from '@/api'
import { t, useT } from '@/i18n'
import { useSession } from '@/stores/session'
import type { User } from '../../types/api'
import './sign-in.scss'

function DemoUserPicker({ users, onPicked, onClose }: { users: User[]; onPicked: () => void; onClose: () => void }) {
  useT()
  const [message, setMessage] = useState('')

  const pick = async (handle: string, nickname?: string) => {
    try {
      useSession.getState().signIn(await devLogin({ handle, nickname }))
      onPicked()
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : t('signIn.failed'))
    }
  }

  return (
    <Popup visible position='bottom' round closeable title={t('signIn.title')} onClose={onClose}>
      <View className='sign-in'>
        <Text className='sign-in__note'>{t('signIn.note')}</Text>
        {users.map((u) => (
          <View key={u.id} className='sign-in__user' role='button' onClick={() => void pick(u.handle!)}>
            <View className='sign-in__avatar'>{Array.from(u.nickname)[0]}</View>
            <Text className='sign-in__name'>{u.nickname}</Text>
            <Text className='sign-in__role'>
              {t(u.roles.includes('leader') ? 'signIn.leader' : u.roles.includes('supplier') ? 'signIn.supplier' : 'signIn.shopper')}
            </Text>
          </View>
        ))}
        {users !== null && (
          <View
            className='sign-in__user sign-in__user--guest'
            role='button'
            onClick={() => void pick(`guest-${Date.now().toString(36)}`, t('signIn.guestName', { n: String(Date.now()).slice(-4) }))}
          >
            <View className='sign-in__avatar'>{t('signIn.new')}</View>
            <Text className='sign-in__name'>{t('signIn.guest')}</Text>
          </View>
        )}
        {message && <Text className='sign-in__error'>{message}</Text>}
      </View>
    </Popup>
  )
}

export function useSignIn() {
  // the demo users the server offers; null: no picker open
  const [picking, setPicking] = useState<User[] | null>(null)
  const settle = useRef<(ok: boolean) => void>()

  const signIn = async (): Promise<boolean> => {
    if (useSession.getState().token) return true
    // the server decides, not the build: it lists demo users only while its dev login is on (never in
    // production), so `npm start`'s H5 app offers the picker and a production deployment does not
    let users: User[]
    try {
      users = (await listDevUsers()).users.filter((u) => u.handle)
    } catch (e) {
      const off = e instanceof ApiError && e.status === 404
      void Taro.showToast({ title: off || !(e instanceof ApiError) ? t('signIn.unavailable') : e.message, icon: 'none' })
      return false
    }
    return new Promise<boolean>((resolve) => {
      settle.current = resolve
      setPicking(users)
    })
  }

  const finish = (ok: boolean) => {
    setPicking(null)
    settle.current?.(ok)
    settle.current = undefined
  }

  const sheet = picking ? <DemoUserPicker users={picking} onPicked={() => finish(true)} onClose={() => finish(false)} /> : null
  return { signIn, sheet }
}

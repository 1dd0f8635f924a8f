import Taro from '@tarojs/taro'
import { ApiError, wechatLogin } from '@/api'
import { t } from '@/i18n'
import { useSession } from '@/stores/session'

export function useSignIn() {
  const signIn = async (): Promise<boolean> => {
    if (useSession.getState().token) return true
    try {
      const { code } = await Taro.login()
      useSession.getState().signIn(await wechatLogin(code))
      return true
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.message : t('signIn.wechatFailed'), icon: 'none' })
      return false
    }
  }
  return { signIn, sheet: null }
}

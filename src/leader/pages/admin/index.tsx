import { useEffect } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { LoadingCards } from '@/components/page-state'
import { useLeaderTitle } from '@/i18n/leader'

/** Leader applications moved into the operator console; an old link or bookmark lands there. */
export const APPLICATIONS_PATH = '/admin/pages/applications/index'

export default function AdminPage() {
  useLeaderTitle('title.admin')
  useEffect(() => {
    void Taro.redirectTo({ url: APPLICATIONS_PATH })
  }, [])
  return (
    <View className='lc-page'>
      <LoadingCards count={2} />
    </View>
  )
}

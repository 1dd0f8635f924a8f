import { Text, View } from '@tarojs/components'
import type { LiveDeal } from '../../types/api'
import { readInstant } from '@/domain'
import { useT } from '@/i18n'
import { useServerNow } from '@/hooks/use-server-now'
import { LiveStatus } from '@/hooks/use-live-deal'
import './live-line.scss'

/** How long "小* just joined" stays up after a join. */
export const JUST_JOINED_MS = 2 * 60_000

/**
 * Under the tier progress: a quiet "live" mark while the page is connected, and who joined last
 * while it is fresh ("小* 刚刚参团"), so an inviter sees her sister's join land.
 */
export function LiveLine({ live, status }: { live: LiveDeal | null; status: LiveStatus }) {
  const t = useT()
  const now = useServerNow()
  const joinedAt = live?.lastJoin ? readInstant(live.lastJoin.at) : null
  const fresh = joinedAt !== null && now - joinedAt < JUST_JOINED_MS
  if (status !== LiveStatus.live && !fresh) return null
  return (
    <View className='live-line' aria-live='polite'>
      {status === LiveStatus.live && (
        <Text className='live-line__mark' aria-label={t('live.markLabel')}>
          {t('live.mark')}
        </Text>
      )}
      {fresh && live?.lastJoin && <Text className='live-line__joined'>{t('live.justJoined', { name: live.lastJoin.nickname })}</Text>}
    </View>
  )
}

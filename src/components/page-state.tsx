import { Button, Image, Text, View } from '@tarojs/components'
import { Empty } from '@nutui/nutui-react-taro'
import emptyImage from '@/assets/empty-basket.png'
import type { Remote } from '@/hooks/use-remote'
import { t, useT } from '@/i18n'
import { photoLoading } from '@/platform'
import './page-state.scss'

/** Grey placeholder cards while the first answer is on its way. */
export function LoadingCards({ count = 3 }: { count?: number }) {
  useT()
  return (
    <View className='page-state__skeletons' aria-busy='true' aria-label={t('common.loading')}>
      {Array.from({ length: count }, (_, i) => (
        <View key={i} className='page-state__skeleton'>
          <View className='page-state__skeleton-img' />
          <View className='page-state__skeleton-lines'>
            <View className='page-state__skeleton-line' />
            <View className='page-state__skeleton-line page-state__skeleton-line--short' />
            <View className='page-state__skeleton-line page-state__skeleton-line--mid' />
          </View>
        </View>
      ))}
    </View>
  )
}

export function EmptyState({ title, description }: { title: string; description?: string }) {
  // the picture only decorates the words beside it: hidden from screen readers, an empty alt on H5
  const picture = <Image className='page-state__empty-image' src={emptyImage} aria-hidden='true' {...photoLoading(false)} />
  return <Empty className='page-state__empty' image={picture} imageSize={120} title={title} description={description} />
}

export function ErrorState({ message, onRetry }: { message: string; onRetry: () => void }) {
  useT()
  return (
    <View className='page-state__error' role='alert'>
      <View className='page-state__error-icon'>!</View>
      <Text className='page-state__error-title'>{t('common.loadFailed')}</Text>
      <Text className='page-state__error-message'>{message}</Text>
      <Button role='button' className='page-state__retry' onClick={onRetry}>
        {t('common.retry')}
      </Button>
    </View>
  )
}

/** What a read shows until its first answer: the error with a retry, else loading cards; nothing once data is in. */
export function RemoteState({ remote, count }: { remote: Remote<unknown>; count?: number }) {
  if (remote.data) return null
  if (remote.error) return <ErrorState message={remote.error.message} onRetry={() => void remote.reload()} />
  return <LoadingCards count={count} />
}

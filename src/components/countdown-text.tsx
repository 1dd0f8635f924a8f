import { Text } from '@tarojs/components'
import { countdown } from '@/domain'
import { countdownLabel, useT } from '@/i18n'
import { useServerNow } from '@/hooks/use-server-now'

interface Props {
  cutoffAt: string
  prefix?: string
  suffix?: string
  /** what to say once the time is up */
  overText?: string
  className?: string
}

/** "距截单 03:12:45", ticking on the server's clock; "已截单" once the cutoff passes. */
export function CountdownText({ cutoffAt, prefix, suffix = '', overText, className = '' }: Props) {
  const t = useT()
  const now = useServerNow()
  const left = countdown(cutoffAt, now)
  if (left.totalMs === 0) return <Text className={`countdown countdown--over ${className}`}>{overText ?? t('countdown.over')}</Text>
  return (
    <Text className={`countdown ${className}`}>
      {prefix ?? t('countdown.prefix')}
      {countdownLabel(left)}
      {suffix}
    </Text>
  )
}

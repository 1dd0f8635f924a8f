import { Text } from '@tarojs/components'
import { countdown, formatCountdown } from '@/domain'
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
export function CountdownText({ cutoffAt, prefix = '距截单 ', suffix = '', overText = '已截单', className = '' }: Props) {
  const now = useServerNow()
  const left = countdown(cutoffAt, now)
  if (left.totalMs === 0) return <Text className={`countdown countdown--over ${className}`}>{overText}</Text>
  return (
    <Text className={`countdown ${className}`}>
      {prefix}
      {formatCountdown(left)}
      {suffix}
    </Text>
  )
}

import { Image, Text, View } from '@tarojs/components'
import { assetUrl } from '@/api'
import { photoLoading } from '@/platform'
import { tileColor } from '@/styles/theme'
import './deal-image.scss'

interface Props {
  name: string
  src?: string
  className?: string
  /** the first picture on screen (the page's largest paint): asked for first, never lazily */
  priority?: boolean
}

/** The product photo, or a coloured tile with the product's first character — never an empty box. */
export function DealImage({ name, src, className = '', priority = false }: Props) {
  if (src) return <Image className={`deal-image ${className}`} src={assetUrl(src)} mode='aspectFill' {...photoLoading(priority)} />
  return (
    <View className={`deal-image deal-image--placeholder ${className}`} style={{ backgroundColor: tileColor(name) }} aria-hidden='true'>
      <Text className='deal-image__char'>{Array.from(name.trim())[0] ?? '鲜'}</Text>
    </View>
  )
}

import { Image, Text, View } from '@tarojs/components'
import { assetUrl } from '@/api'
import { tileColor } from '@/styles/theme'
import './deal-image.scss'

interface Props {
  name: string
  src?: string
  className?: string
}

/** The product photo, or a coloured tile with the product's first character — never an empty box. */
export function DealImage({ name, src, className = '' }: Props) {
  if (src) return <Image className={`deal-image ${className}`} src={assetUrl(src)} mode='aspectFill' lazyLoad />
  return (
    <View className={`deal-image deal-image--placeholder ${className}`} style={{ backgroundColor: tileColor(name) }}>
      <Text className='deal-image__char'>{Array.from(name.trim())[0] ?? '鲜'}</Text>
    </View>
  )
}

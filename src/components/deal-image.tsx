import { Image, Text, View } from '@tarojs/components'
import { assetUrl } from '@/api'
import './deal-image.scss'

// Soft produce colours for the placeholder, picked by the name so a product keeps its colour.
const PALETTE = ['#2f9e44', '#f76707', '#e8590c', '#37b24d', '#f59f00', '#0ca678', '#d6336c']

function colourFor(name: string): string {
  let sum = 0
  for (const ch of name) sum = (sum * 31 + ch.charCodeAt(0)) % 9973
  return PALETTE[sum % PALETTE.length]
}

interface Props {
  name: string
  src?: string
  className?: string
}

/** The product photo, or a coloured tile with the product's first character — never an empty box. */
export function DealImage({ name, src, className = '' }: Props) {
  if (src) return <Image className={`deal-image ${className}`} src={assetUrl(src)} mode='aspectFill' lazyLoad />
  return (
    <View className={`deal-image deal-image--placeholder ${className}`} style={{ backgroundColor: colourFor(name) }}>
      <Text className='deal-image__char'>{Array.from(name.trim())[0] ?? '鲜'}</Text>
    </View>
  )
}

import { useState } from 'react'
import { ScrollView, View } from '@tarojs/components'
import { DealImage } from './deal-image'
import './deal-photos.scss'

export function DealPhotos({ name, images, className = '' }: { name: string; images: string[]; className?: string }) {
  const [shown, setShown] = useState(0)
  return (
    <View className={`deal-photos ${className}`}>
      <ScrollView
        className='deal-photos__row'
        scrollX
        onScroll={(e) => {
          const { scrollLeft, scrollWidth } = e.detail
          if (scrollWidth > 0) setShown(Math.round((scrollLeft / scrollWidth) * images.length))
        }}
      >
        {images.map((src, i) => (
          <View key={src} className='deal-photos__item'>
            <DealImage className='deal__photo' name={name} src={src} priority={i === 0} />
          </View>
        ))}
      </ScrollView>
      <View className='deal-photos__dots' aria-hidden='true'>
        {images.map((src, i) => (
          <View key={src} className={`deal-photos__dot${i === shown ? ' deal-photos__dot--on' : ''}`} />
        ))}
      </View>
    </View>
  )
}

import { Swiper, SwiperItem } from '@tarojs/components'
import { colors } from '@/styles/theme'
import { DealImage } from './deal-image'

export function DealPhotos({ name, images, className = '' }: { name: string; images: string[]; className?: string }) {
  return (
    <Swiper className={className} indicatorDots circular indicatorActiveColor={colors.green}>
      {images.map((src, i) => (
        <SwiperItem key={src}>
          <DealImage className='deal__photo' name={name} src={src} priority={i === 0} />
        </SwiperItem>
      ))}
    </Swiper>
  )
}

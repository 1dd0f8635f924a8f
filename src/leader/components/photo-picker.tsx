import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { imageSrc, uploadPhoto } from '@/api/leader'
import { useLeaderT } from '@/i18n/leader'
import { failureText } from '../lib/use-submit'
import { FieldError } from './form'
import './photo-picker.scss'

interface Props {
  value: string[]
  onChange: (urls: string[]) => void
  max?: number
}

/** Product photos: pick from the album or camera, each uploaded at once; tap × to remove. */
export function PhotoPicker({ value, onChange, max = 6 }: Props) {
  const t = useLeaderT()
  const [uploading, setUploading] = useState(0)
  const [message, setMessage] = useState('')

  const pick = async () => {
    setMessage('')
    let paths: string[]
    try {
      const res = await Taro.chooseImage({ count: max - value.length, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      paths = res.tempFilePaths
    } catch {
      return // closed without choosing
    }
    let urls = value
    for (const path of paths) {
      setUploading((n) => n + 1)
      try {
        const { url } = await uploadPhoto(path)
        urls = [...urls, url]
        onChange(urls)
      } catch (e) {
        setMessage(failureText(e, 'photo.failed'))
      } finally {
        setUploading((n) => n - 1)
      }
    }
  }

  return (
    <View>
      <View className='photo-picker'>
        {value.map((url, i) => (
          <View key={url} className='photo-picker__item'>
            <Image className='photo-picker__img' src={imageSrc(url)} mode='aspectFill' />
            <View
              className='photo-picker__remove'
              role='button'
              aria-label={t('photo.remove', { n: i + 1 })}
              onClick={() => onChange(value.filter((u) => u !== url))}
            >
              ×
            </View>
          </View>
        ))}
        {uploading > 0 && (
          <View className='photo-picker__item photo-picker__item--busy'>
            <Text>{t('photo.uploading')}</Text>
          </View>
        )}
        {value.length + uploading < max && (
          <View className='photo-picker__item photo-picker__add' role='button' aria-label={t('photo.add')} onClick={() => void pick()}>
            <Text className='photo-picker__plus'>＋</Text>
            <Text className='photo-picker__hint'>{t('photo.add')}</Text>
          </View>
        )}
      </View>
      <FieldError message={message} />
    </View>
  )
}

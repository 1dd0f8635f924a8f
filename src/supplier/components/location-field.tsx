import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { isValidLatLng } from '@/domain'
import { useLeaderT } from '@/i18n/leader'
import { Field } from '@/leader/components/form'
import { pickPlace, picksOnMap, type PickedPlace } from '@/leader/lib/platform'

export interface Spot {
  lat: string
  lng: string
}

interface Props {
  label: string
  value: Spot
  onChange: (value: Spot, place: PickedPlace | null) => void
  error?: string
}

/** Whether the typed coordinates read as a place (the leader's point form's rule). */
export const spotFrom = (s: Spot): { lat: number; lng: number } | null => {
  const coord = /^-?\d{1,3}(\.\d{1,15})?$/
  const lat = Number(s.lat)
  const lng = Number(s.lng)
  return coord.test(s.lat.trim()) && coord.test(s.lng.trim()) && isValidLatLng({ lat, lng }) ? { lat, lng } : null
}

/**
 * A place picked the way a leader picks her pickup point (the leader console's platform picker and
 * words): WeChat's map; in a browser, where the phone is now or typed coordinates.
 */
export function LocationField({ label, value, onChange, error }: Props) {
  const t = useLeaderT()
  const [locating, setLocating] = useState(false)
  const [refused, setRefused] = useState(false)

  const choose = async () => {
    setLocating(true)
    setRefused(false)
    const picked = await pickPlace(spotFrom(value))
    setLocating(false)
    if (!picked) {
      if (!picksOnMap) setRefused(true)
      return
    }
    onChange({ lat: picked.lat.toFixed(6), lng: picked.lng.toFixed(6) }, picked)
  }
  const chosen = spotFrom(value) ? t('point.chosen', { lat: Number(value.lat).toFixed(4), lng: Number(value.lng).toFixed(4) }) : null

  return (
    <Field label={label} error={error}>
      <Button
        role='button'
        className='lc-btn lc-btn--small'
        disabled={locating || undefined}
        loading={locating || undefined}
        onClick={() => void choose()}
      >
        {locating ? t('point.locating') : (chosen ?? t(picksOnMap ? 'point.chooseOnMap' : 'point.useHere'))}
      </Button>
      {!picksOnMap && (
        <>
          <Text className='lc-field__hint'>{t('point.hereHint')}</Text>
          {refused && (
            <Text className='lc-muted' role='status'>
              {t('point.noFix')}
            </Text>
          )}
          <Text className='lc-field__hint'>{t('point.typeCoordinates')}</Text>
          <View className='lc-row'>
            <Input
              className='lc-input'
              aria-label={t('point.lat')}
              type='digit'
              placeholder={t('point.latPlaceholder')}
              value={value.lat}
              onInput={(e) => onChange({ ...value, lat: e.detail.value }, null)}
            />
            <Input
              className='lc-input'
              aria-label={t('point.lng')}
              type='digit'
              placeholder={t('point.lngPlaceholder')}
              value={value.lng}
              onInput={(e) => onChange({ ...value, lng: e.detail.value }, null)}
            />
          </View>
        </>
      )}
    </Field>
  )
}

import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import type { PickupPoint, PickupPointInput } from '../../../types/api'
import { isValidLatLng } from '@/domain'
import { lt, useLeaderT } from '@/i18n/leader'
import { pickPlace, picksOnMap } from '../lib/platform'
import { Field, TextField, Wheel } from './form'
import './console.scss'

/** The point as typed: coordinates stay text until they are read. */
export interface PointDraft {
  name: string
  address: string
  lat: string
  lng: string
  open: string
  close: string
  contact: string
}

export const emptyPoint = (contact = ''): PointDraft => ({
  name: '',
  address: '',
  lat: '',
  lng: '',
  open: '08:00',
  close: '21:00',
  contact,
})

export function draftFromPoint(p: PickupPoint): PointDraft {
  const [open = '08:00', close = '21:00'] = p.hours.split('-')
  return { name: p.name, address: p.address, lat: String(p.lat), lng: String(p.lng), open, close, contact: p.contact }
}

export type PointErrors = Partial<Record<keyof PointDraft | 'location' | 'hours', string>>

const COORD = /^-?\d{1,3}(\.\d{1,15})?$/

/** The same rules the server applies, said next to the field. */
export function checkPoint(d: PointDraft): { input: PickupPointInput | null; errors: PointErrors } {
  const errors: PointErrors = {}
  if (!d.name.trim()) errors.name = lt('point.needName')
  if (!d.address.trim()) errors.address = lt('point.needAddress')
  if (!d.contact.trim()) errors.contact = lt('point.needContact')
  const lat = Number(d.lat)
  const lng = Number(d.lng)
  if (!COORD.test(d.lat.trim()) || !COORD.test(d.lng.trim()) || !isValidLatLng({ lat, lng })) {
    errors.location = lt(picksOnMap ? 'point.needMapLocation' : 'point.needHereLocation')
  }
  if (d.open >= d.close) errors.hours = lt('point.badHours')
  if (Object.keys(errors).length) return { input: null, errors }
  return {
    input: {
      name: d.name.trim(),
      address: d.address.trim(),
      lat,
      lng,
      hours: `${d.open}-${d.close}`,
      contact: d.contact.trim(),
    },
    errors,
  }
}

interface Props {
  value: PointDraft
  onChange: (value: PointDraft) => void
  /** shown only after the first attempt to save, so an empty form is not a wall of red */
  errors: PointErrors
}

export function PointFields({ value, onChange, errors }: Props) {
  const t = useLeaderT()
  const set = (patch: Partial<PointDraft>) => onChange({ ...value, ...patch })

  const [locating, setLocating] = useState(false)
  const [refused, setRefused] = useState(false)

  const choose = async () => {
    const lat = Number(value.lat)
    const lng = Number(value.lng)
    const near = value.lat && value.lng && isValidLatLng({ lat, lng }) ? { lat, lng } : null
    setLocating(true)
    setRefused(false)
    const picked = await pickPlace(near)
    setLocating(false)
    if (!picked) {
      // WeChat: closed the map, nothing changes; a browser: no fix, say so and offer typing
      if (!picksOnMap) setRefused(true)
      return
    }
    set({
      lat: picked.lat.toFixed(6),
      lng: picked.lng.toFixed(6),
      address: picked.address || value.address,
      name: value.name || picked.name || '',
    })
  }

  const chosen = value.lat && value.lng ? t('point.chosen', { lat: Number(value.lat).toFixed(4), lng: Number(value.lng).toFixed(4) }) : null

  return (
    <View>
      <TextField
        label={t('point.name')}
        value={value.name}
        onChange={(name) => set({ name })}
        placeholder={t('point.namePlaceholder')}
        error={errors.name}
        maxlength={30}
      />
      <TextField
        label={t('point.address')}
        value={value.address}
        onChange={(address) => set({ address })}
        placeholder={t('point.addressPlaceholder')}
        error={errors.address}
        maxlength={100}
      />
      {picksOnMap ? (
        <Field label={t('point.location')} error={errors.location}>
          <Button role='button' className='lc-btn lc-btn--small' onClick={() => void choose()}>
            {chosen ?? t('point.chooseOnMap')}
          </Button>
        </Field>
      ) : (
        <Field label={t('point.location')} error={errors.location}>
          <Button
            role='button'
            className='lc-btn lc-btn--small'
            disabled={locating || undefined}
            loading={locating || undefined}
            onClick={() => void choose()}
          >
            {locating ? t('point.locating') : (chosen ?? t('point.useHere'))}
          </Button>
          <Text className='lc-field__hint'>{t('point.hereHint')}</Text>
          {refused && (
            <Text className='lc-muted' role='status'>
              {t('point.noFix')}
            </Text>
          )}
          {/* a browser's fix may be off (indoors, a desktop): the coordinates can still be typed */}
          <Text className='lc-field__hint'>{t('point.typeCoordinates')}</Text>
          <View className='lc-row'>
            <Input
              className='lc-input'
              aria-label={t('point.lat')}
              type='digit'
              placeholder={t('point.latPlaceholder')}
              value={value.lat}
              onInput={(e) => set({ lat: e.detail.value })}
            />
            <Input
              className='lc-input'
              aria-label={t('point.lng')}
              type='digit'
              placeholder={t('point.lngPlaceholder')}
              value={value.lng}
              onInput={(e) => set({ lng: e.detail.value })}
            />
          </View>
        </Field>
      )}
      <Field label={t('point.hours')} error={errors.hours}>
        <View className='lc-row'>
          <Wheel
            mode='time'
            value={value.open}
            label={t('point.open')}
            text={t('point.opens', { time: value.open })}
            onChange={(open) => set({ open })}
          />
          <Wheel
            mode='time'
            value={value.close}
            label={t('point.close')}
            text={t('point.closes', { time: value.close })}
            onChange={(close) => set({ close })}
          />
        </View>
      </Field>
      <TextField
        label={t('point.contact')}
        value={value.contact}
        onChange={(contact) => set({ contact })}
        placeholder={t('point.contactPlaceholder')}
        error={errors.contact}
        maxlength={30}
      />
    </View>
  )
}

import { Button, Input, Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { PickupPoint, PickupPointInput } from '../../../types/api'
import { isValidLatLng } from '@/domain'
import { Field, TextField } from './form'
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
  if (!d.name.trim()) errors.name = '请填写自提点名称'
  if (!d.address.trim()) errors.address = '请填写详细地址'
  if (!d.contact.trim()) errors.contact = '请填写联系电话或微信'
  const lat = Number(d.lat)
  const lng = Number(d.lng)
  if (!COORD.test(d.lat.trim()) || !COORD.test(d.lng.trim()) || !isValidLatLng({ lat, lng })) {
    errors.location = process.env.TARO_ENV === 'weapp' ? '请在地图上选择位置' : '请填写经纬度，如 30.5428 和 114.3162'
  }
  if (d.open >= d.close) errors.hours = '关门时间须晚于开门时间'
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
  const set = (patch: Partial<PointDraft>) => onChange({ ...value, ...patch })

  const chooseOnMap = async () => {
    try {
      const lat = Number(value.lat)
      const lng = Number(value.lng)
      const picked = await Taro.chooseLocation(
        value.lat && value.lng && isValidLatLng({ lat, lng }) ? { latitude: lat, longitude: lng } : {},
      )
      set({
        lat: picked.latitude.toFixed(6),
        lng: picked.longitude.toFixed(6),
        address: picked.address || value.address,
        name: value.name || picked.name,
      })
    } catch {
      // the leader closed the map without choosing; nothing changes
    }
  }

  return (
    <View>
      <TextField label='自提点名称' value={value.name} onChange={(name) => set({ name })} placeholder='如：幸福里便利店' error={errors.name} maxlength={30} />
      <TextField label='详细地址' value={value.address} onChange={(address) => set({ address })} placeholder='路名、门牌号' error={errors.address} maxlength={100} />
      {process.env.TARO_ENV === 'weapp' ? (
        <Field label='位置' error={errors.location}>
          <Button role='button' className='lc-btn lc-btn--small' onClick={() => void chooseOnMap()}>
            {value.lat ? `已选位置 ${Number(value.lat).toFixed(4)}, ${Number(value.lng).toFixed(4)} · 重新选择` : '在地图上选择位置'}
          </Button>
        </Field>
      ) : (
        <Field label='位置（经纬度）' error={errors.location} hint='可在地图软件中长按地点查看经纬度'>
          <View className='lc-row'>
            <Input className='lc-input' aria-label='纬度' type='digit' placeholder='纬度 30.5428' value={value.lat} onInput={(e) => set({ lat: e.detail.value })} />
            <Input className='lc-input' aria-label='经度' type='digit' placeholder='经度 114.3162' value={value.lng} onInput={(e) => set({ lng: e.detail.value })} />
          </View>
        </Field>
      )}
      <Field label='营业时间' error={errors.hours}>
        <View className='lc-row'>
          <View className='lc-grow'>
            <Picker mode='time' value={value.open} onChange={(e) => set({ open: String(e.detail.value) })}>
              <View className='lc-picker' aria-label='开门时间'>
                <Text>{value.open} 开门</Text>
                <Text className='lc-chevron'>›</Text>
              </View>
            </Picker>
          </View>
          <View className='lc-grow'>
            <Picker mode='time' value={value.close} onChange={(e) => set({ close: String(e.detail.value) })}>
              <View className='lc-picker' aria-label='关门时间'>
                <Text>{value.close} 关门</Text>
                <Text className='lc-chevron'>›</Text>
              </View>
            </Picker>
          </View>
        </View>
      </Field>
      <TextField label='联系方式' value={value.contact} onChange={(contact) => set({ contact })} placeholder='电话或微信号' error={errors.contact} maxlength={30} />
    </View>
  )
}

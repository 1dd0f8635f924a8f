import Taro from '@tarojs/taro'
import type { PickupPoint } from '../../../../types/api'

type Place = Pick<PickupPoint, 'name' | 'address' | 'lat' | 'lng'>

export function mapUrl(_point: Place): null {
  return null
}

export function openMap(point: Place): void {
  void Taro.openLocation({ latitude: point.lat, longitude: point.lng, name: point.name, address: point.address, scale: 17 }).catch(() => undefined)
}

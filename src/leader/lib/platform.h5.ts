import type { PickingList } from '@/api/leader'
import { lt } from '@/i18n/leader'
import Taro from '@tarojs/taro'
import { wgs84ToGcj02, type LatLng } from '@/domain'
import { download } from '@/platform/download'
import { IMAGE_WIDTH, imageHeight, paint, pickingLines } from './picking-image'

export const canScan = false
export const picksOnMap = false
export const savesFiles = true

// a browser without a fix (or a prompt never answered) must not leave the button spinning
const LOCATE_TIMEOUT_MS = 10000

export async function pickPlace(_near: LatLng | null): Promise<{ lat: number; lng: number } | null> {
  try {
    const res = await Promise.race([
      Taro.getLocation({ type: 'wgs84', isHighAccuracy: true }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), LOCATE_TIMEOUT_MS)),
    ])
    return wgs84ToGcj02({ lat: res.latitude, lng: res.longitude })
  } catch {
    return null
  }
}

export async function savePickingImage(list: PickingList): Promise<void> {
  const lines = pickingLines(list)
  const canvas = document.createElement('canvas')
  canvas.width = IMAGE_WIDTH
  canvas.height = imageHeight(lines)
  paint(canvas.getContext('2d')!, lines, canvas.height)
  download(canvas.toDataURL('image/png'), `${lt('picking.file', { date: list.date })}.png`)
}

export function savePickingCsv(name: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))
  download(url, name)
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

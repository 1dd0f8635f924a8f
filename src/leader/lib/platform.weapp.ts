import Taro from '@tarojs/taro'
import type { PickingList } from '@/api/leader'
import type { LatLng } from '@/domain'
import { IMAGE_WIDTH, imageHeight, paint, pickingLines, type PaintContext } from './picking-image'

export const canScan = true
export const picksOnMap = true
export const savesFiles = false

export async function pickPlace(near: LatLng | null): Promise<{ lat: number; lng: number; name?: string; address?: string } | null> {
  try {
    // WeChat's map answers in GCJ-02, as the points are stored
    const picked = await Taro.chooseLocation(near ? { latitude: near.lat, longitude: near.lng } : {})
    return { lat: picked.latitude, lng: picked.longitude, name: picked.name || undefined, address: picked.address || undefined }
  } catch {
    // the leader closed the map without choosing
    return null
  }
}

export async function savePickingImage(list: PickingList): Promise<void> {
  const lines = pickingLines(list)
  const height = imageHeight(lines)
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width: IMAGE_WIDTH, height }) as unknown as {
    getContext: (t: '2d') => PaintContext
    toDataURL: (type: string) => string
  }
  paint(canvas.getContext('2d'), lines, height)
  const base64 = canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '')
  const path = `${Taro.env.USER_DATA_PATH}/picking-${list.date}.png`
  Taro.getFileSystemManager().writeFileSync(path, base64, 'base64')
  await Taro.showShareImageMenu({ path })
}

export function savePickingCsv(_name: string, csv: string): void {
  // the BOM is for spreadsheet programs opening a file; pasted text does not want it
  void Taro.setClipboardData({ data: csv.replace(/^\uFEFF/, '') })
}

import type { PickingList } from '@/api/leader'
import { lt } from '@/i18n/leader'
import { download } from '@/platform/download'
import { IMAGE_WIDTH, imageHeight, paint, pickingLines } from './picking-image'

export const canScan = false
export const picksOnMap = false
export const savesFiles = true

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

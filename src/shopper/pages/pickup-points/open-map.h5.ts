import type { PickupPoint } from '../../../../types/api'

type Place = Pick<PickupPoint, 'name' | 'address' | 'lat' | 'lng'>

// Amap's marker link takes GCJ-02 "lng,lat", as the points are stored
export function mapUrl(point: Place): string {
  const query = new URLSearchParams({ position: `${point.lng},${point.lat}`, name: point.name, src: 'linli', coordinate: 'gaode', callnative: '1' })
  return `https://uri.amap.com/marker?${query.toString()}`
}

export function openMap(point: Place): void {
  window.open(mapUrl(point), '_blank', 'noopener')
}

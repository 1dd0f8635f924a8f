import { Map } from '@tarojs/components'
import type { PointsMapProps } from './points-map'
import './points-map.scss'

export function PointsMap({ centre, points }: PointsMapProps) {
  return (
    <Map
      className='points__map'
      latitude={centre.lat}
      longitude={centre.lng}
      scale={14}
      showLocation
      markers={points.map((p, i) => ({
        id: i,
        latitude: p.lat,
        longitude: p.lng,
        title: p.name,
        width: 28,
        height: 36,
        iconPath: '/assets/map-pin.png',
        callout: { content: p.name, display: 'ALWAYS', padding: 6, borderRadius: 6 } as never,
      }))}
      onError={() => undefined}
    />
  )
}

import { Map } from '@tarojs/components'
import type { DeliveryRoute } from '@/api/supplier'
import { colors } from '@/styles/theme'
import './route-map.scss'

export function RouteMap({ route }: { route: DeliveryRoute }) {
  const path = [
    { latitude: route.depot.lat, longitude: route.depot.lng },
    ...route.stops.map((s) => ({ latitude: s.pickupPoint.lat, longitude: s.pickupPoint.lng })),
  ]
  return (
    <Map
      className='route__map'
      latitude={route.depot.lat}
      longitude={route.depot.lng}
      scale={13}
      includePoints={path}
      markers={[
        {
          id: 0,
          latitude: route.depot.lat,
          longitude: route.depot.lng,
          width: 28,
          height: 36,
          iconPath: '/assets/map-pin.png',
          callout: { content: '⌂', display: 'ALWAYS', padding: 6, borderRadius: 6 } as never,
        },
        ...route.stops.map((s) => ({
          id: s.sequence,
          latitude: s.pickupPoint.lat,
          longitude: s.pickupPoint.lng,
          title: s.pickupPoint.name,
          width: 28,
          height: 36,
          iconPath: '/assets/map-pin.png',
          callout: { content: `${s.sequence} ${s.pickupPoint.name}`, display: 'ALWAYS', padding: 6, borderRadius: 6 } as never,
        })),
      ]}
      polyline={[{ points: path, color: colors.green, width: 4, arrowLine: true } as never]}
      onError={() => undefined}
    />
  )
}

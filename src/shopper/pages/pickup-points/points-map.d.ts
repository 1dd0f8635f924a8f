import type { ReactElement } from 'react'
import type { LatLng } from '@/domain'
import type { PickupPoint } from '../../../../types/api'

export interface PointsMapProps {
  centre: LatLng
  points: PickupPoint[]
}

/** The points on a map around `centre`: in WeChat only, since on H5 Taro's Map loads a script from the internet. */
export declare function PointsMap(props: PointsMapProps): ReactElement | null

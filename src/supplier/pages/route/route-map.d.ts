import type { ReactElement } from 'react'
import type { DeliveryRoute } from '@/api/supplier'

/** The route on a map: the depot and the stops as numbered markers joined by a line. WeChat only (on H5 Taro's Map loads a script from the internet). */
export declare function RouteMap(props: { route: DeliveryRoute }): ReactElement | null

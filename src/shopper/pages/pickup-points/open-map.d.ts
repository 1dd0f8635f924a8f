import type { PickupPoint } from '../../../../types/api'

/**
 * shows a pickup point on a map. WeChat: Taro.openLocation (its own map, GCJ-02 as the points
 * are stored). A browser: a web map (Amap, which reads GCJ-02) at the point's coordinates, in a new tab.
 */
export declare function openMap(point: Pick<PickupPoint, 'name' | 'address' | 'lat' | 'lng'>): void

/** The web map's address of a point (H5), or null where the platform opens its own map (WeChat). */
export declare function mapUrl(point: Pick<PickupPoint, 'name' | 'address' | 'lat' | 'lng'>): string | null

import type { PickupPoint } from '../../../types/api'
import { haversineM, type LatLng } from '../../../src/domain'
import type { PickupPointsTable } from '../../db/schema'

export type PickupPointRow = PickupPointsTable

/** A row as the contract shows it; with `distanceM` only when the request gave a location. */
export function toPickupPoint(row: PickupPointRow, from?: LatLng | null): PickupPoint {
  const point: PickupPoint = {
    id: row.id,
    leaderId: row.leader_id,
    name: row.name,
    address: row.address,
    lat: Number(row.lat),
    lng: Number(row.lng),
    hours: row.hours,
    contact: row.contact,
  }
  if (from) point.distanceM = haversineM(from, point)
  return point
}

/** Nearest first when located (ties keep their given order); otherwise the order given. */
export function toPickupPoints(rows: PickupPointRow[], from?: LatLng | null): PickupPoint[] {
  const points = rows.map((row) => toPickupPoint(row, from))
  if (from) points.sort((a, b) => a.distanceM! - b.distanceM!)
  return points
}

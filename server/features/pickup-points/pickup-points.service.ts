import type { PickupPoint, PickupPointInput } from '../../../types/api'
import type { LatLng } from '../../../src/domain'
import type { Database } from '../../db/database'
import type { AppContext } from '../../http/context'
import { badRequest, notFound } from '../../http/errors'
import { newId } from '../../http/ids'
import * as repo from './pickup-points.repository'
import { toPickupPoint, toPickupPoints, type PickupPointRow } from './pickup-point-view'

/** Every point in town, nearest first when the shopper shared a location. */
export async function listPublic(ctx: AppContext, from: LatLng | null): Promise<PickupPoint[]> {
  return toPickupPoints(await repo.listAllPoints(ctx.db), from)
}

export async function listOwn(ctx: AppContext, leaderId: string): Promise<PickupPoint[]> {
  return toPickupPoints(await repo.listPointsOfLeader(ctx.db, leaderId))
}

export async function create(ctx: AppContext, leaderId: string, input: PickupPointInput): Promise<PickupPoint> {
  const clean = cleanInput(input) as PickupPointInput
  const now = ctx.now().toISOString()
  const row = { id: newId(), leader_id: leaderId, ...clean, created_at: now, updated_at: now }
  await repo.insertPoint(ctx.db, row)
  return toPickupPoint(row)
}

/** Another leader's point answers 404, as if it did not exist: its id tells a stranger nothing. */
export async function update(ctx: AppContext, leaderId: string, id: string, patch: Partial<PickupPointInput>): Promise<PickupPoint> {
  const clean = cleanInput(patch)
  const existing = await repo.findPoint(ctx.db, id)
  if (!existing || existing.leader_id !== leaderId) throw notFound('自提点')
  const updated = await repo.updateOwnPoint(ctx.db, id, leaderId, { ...clean, updated_at: ctx.now().toISOString() })
  if (!updated) throw notFound('自提点')
  return toPickupPoint((await repo.findPoint(ctx.db, id))!)
}

/**
 * What the schema cannot say: text is trimmed and must not be blank, and opening hours must close
 * after they open. Checked before anything is written, so bad input changes nothing.
 */
export function cleanInput(input: Partial<PickupPointInput>): Partial<PickupPointInput> {
  const out: Partial<PickupPointInput> = {}
  for (const key of ['name', 'address', 'contact', 'hours'] as const) {
    if (input[key] === undefined) continue
    const value = String(input[key]).trim()
    if (value === '') throw badRequest('VALIDATION_FAILED', `请求参数有误：${key} 不能为空`)
    out[key] = value
  }
  if (out.hours !== undefined) {
    const [open, close] = out.hours.split('-')
    if (open >= close) throw badRequest('VALIDATION_FAILED', '请求参数有误：营业时间须先开门后关门，如 08:00-21:00')
  }
  if (input.lat !== undefined) out.lat = input.lat
  if (input.lng !== undefined) out.lng = input.lng
  return out
}

/** A point written by another feature's flow (a leader's approval), in that flow's transaction. */
export async function insertPoint(trx: Database, row: PickupPointRow): Promise<void> {
  await repo.insertPoint(trx, row)
}

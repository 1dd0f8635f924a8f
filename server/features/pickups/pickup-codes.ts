import crypto from 'node:crypto'
import type { Database } from '../../db/database'
import { isPickupCodeTaken } from './pickups.repository'

/**
 * Six random digits that no order still to be handed out holds (the partial unique index on
 * pickup_code backs this up; a payment that races for the same code draws again). Its own module,
 * so payments can draw a code without loading the pickup counter's service.
 */
export async function freePickupCode(db: Database): Promise<string> {
  for (;;) {
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0')
    if (!(await isPickupCodeTaken(db, code))) return code
  }
}

import crypto from 'node:crypto'
import type { Database } from '../../db/database'
import { isPickupCodeTaken } from './pickups.repository'

/**
 * Six random digits that no order still to be handed out, and no live proxy pickup (代取), holds
 * (the partial unique indexes back this up; a payment that races for the same code draws again).
 * `delegated: false` only for a store that has no proxy pickups (seeding a store older than
 * migration 110). Its own module,
 * so payments can draw a code without loading the pickup counter's service.
 */
export async function freePickupCode(db: Database, options: { delegated?: boolean } = {}): Promise<string> {
  for (;;) {
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0')
    if (!(await isPickupCodeTaken(db, code, options))) return code
  }
}

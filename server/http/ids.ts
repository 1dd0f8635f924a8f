import { v7 as uuidv7 } from 'uuid'

/**
 * Ids that sort by creation time: UUIDv7 (RFC 9562: 48 bits of milliseconds, then random bits) as
 * 32 hex digits. New rows land at the end of every index on their id instead of on a random page,
 * so a burst of joins writes a few pages per commit rather than one per order. 32 characters is
 * also the most WeChat Pay takes as an out_trade_no (an order's id is its out_trade_no).
 */
export function newId(): string {
  return uuidv7().replaceAll('-', '')
}

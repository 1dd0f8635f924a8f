import crypto from 'node:crypto'
import type { InviteResponse, User } from '../../../types/api'
import { DealStatus } from '../../../types/api'
import { dealPath } from '../../../src/domain'
import { isUniqueViolation } from '../../db/errors'
import type { AppContext } from '../../http/context'
import { notFound } from '../../http/errors'
import * as repo from './invites.repository'

// no 0/o, 1/l/i: codes are read aloud and typed as well as tapped
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/** 8 characters of a 31-letter alphabet: about 8.5e11 codes, far too many to guess one. */
function newCode(): string {
  let code = ''
  for (let i = 0; i < 8; i++) code += ALPHABET[crypto.randomInt(ALPHABET.length)]
  return code
}

/** One code per shopper per deal: asking again returns the same one. */
export async function inviteFor(ctx: AppContext, user: User, dealId: string): Promise<InviteResponse> {
  const deal = await repo.findDealStatus(ctx.db, dealId)
  if (!deal || deal.status === DealStatus.draft) throw notFound('团购')
  for (let attempt = 0; ; attempt++) {
    const existing = await repo.findInvite(ctx.db, dealId, user.id)
    if (existing) return { code: existing.code, path: dealPath(dealId, existing.code) }
    const code = newCode()
    try {
      await repo.insertInvite(ctx.db, { code, deal_id: dealId, user_id: user.id, created_at: ctx.now().toISOString() })
      return { code, path: dealPath(dealId, code) }
    } catch (error) {
      // the shopper's other tap won, or (rarely) the code was taken: look again
      if (!isUniqueViolation(error) || attempt >= 3) throw error
    }
  }
}

export async function myInvites(ctx: AppContext, user: User) {
  const rows = await repo.listInvitesWithFriends(ctx.db, user.id)
  return rows.map((r) => ({ dealId: r.deal_id, dealTitle: r.title, code: r.code, friends: Number(r.friends) }))
}

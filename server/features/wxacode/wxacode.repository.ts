import type { Database } from '../../db/database'
import type { WxacodesTable } from '../../db/schema'

/** Mini-program codes: one scene key per deal and invite ('' for none), and its image once drawn. */

export function findDealStatus(db: Database, dealId: string) {
  return db.selectFrom('deals').select(['id', 'status']).where('id', '=', dealId).executeTakeFirst()
}

export function inviteExists(db: Database, dealId: string, code: string) {
  return db.selectFrom('invites').select('code').where('deal_id', '=', dealId).where('code', '=', code).executeTakeFirst()
}

export function findByDealAndInvite(db: Database, dealId: string, inviteCode: string): Promise<WxacodesTable | undefined> {
  return db.selectFrom('wxacodes').selectAll().where('deal_id', '=', dealId).where('invite_code', '=', inviteCode).executeTakeFirst()
}

export function findByScene(db: Database, scene: string) {
  return db.selectFrom('wxacodes').select(['deal_id', 'invite_code']).where('scene', '=', scene).executeTakeFirst()
}

/** Keep a scene for the pair unless one is already kept (another request's, or a scene key taken). */
export async function insertScene(db: Database, row: Pick<WxacodesTable, 'scene' | 'deal_id' | 'invite_code' | 'created_at'>): Promise<void> {
  await db
    .insertInto('wxacodes')
    .values({ ...row, image: null, content_type: null, fetched_at: null })
    .onConflict((oc) => oc.doNothing())
    .execute()
}

export async function saveImage(db: Database, scene: string, image: string, contentType: string, nowIso: string): Promise<void> {
  await db.updateTable('wxacodes').set({ image, content_type: contentType, fetched_at: nowIso }).where('scene', '=', scene).execute()
}

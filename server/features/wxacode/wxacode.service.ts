import crypto from 'node:crypto'
import type { SceneResponse } from '../../../types/api'
import { DealStatus } from '../../../types/api'
import type { AppContext } from '../../http/context'
import { AppError, notFound } from '../../http/errors'
import { getUnlimitedCode, type CodeImage } from './wxacode-api'
import * as repo from './wxacode.repository'

/** The deal page: a scanned code opens it with `scene` and nothing else (no leading slash, no query). */
export const WXACODE_PAGE = 'pages/deal/index'
/** WeChat's smallest code: sharp enough in the poster's 150 px box at twice the scale. */
const WIDTH = 280

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'
/** 10 characters of 57: about 3.6e17 keys, far inside WeChat's 32 and never guessed. */
function newScene(): string {
  let scene = ''
  for (let i = 0; i < 10; i++) scene += ALPHABET[crypto.randomInt(ALPHABET.length)]
  return scene
}

/** The pair's scene key, kept on first use (a racing request's key wins for both). */
async function sceneFor(ctx: AppContext, dealId: string, inviteCode: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const kept = await repo.findByDealAndInvite(ctx.db, dealId, inviteCode)
    if (kept) return kept
    await repo.insertScene(ctx.db, { scene: newScene(), deal_id: dealId, invite_code: inviteCode, created_at: ctx.now().toISOString() })
  }
  throw new Error('no scene key could be kept')
}

/**
 * The mini-program code for a deal's poster, with the sharer's invite in its scene. Only where
 * WeChat is configured (the H5 poster carries a link QR instead); made once per deal and invite,
 * then served from the table.
 */
export async function wxacodeFor(ctx: AppContext, dealId: string, inviteCode: string | undefined): Promise<CodeImage> {
  if (!ctx.config.wechat) throw new AppError(404, 'WXACODE_NOT_CONFIGURED', '这里没有接入微信，海报使用网页二维码')
  const deal = await repo.findDealStatus(ctx.db, dealId)
  if (!deal || deal.status === DealStatus.draft) throw notFound('团购')
  if (inviteCode && !(await repo.inviteExists(ctx.db, dealId, inviteCode))) {
    throw new AppError(404, 'INVITE_NOT_FOUND', '这个邀请码不属于这个团购')
  }
  const row = await sceneFor(ctx, dealId, inviteCode ?? '')
  if (row.image && row.content_type) return { bytes: Buffer.from(row.image, 'base64'), contentType: row.content_type }
  const production = ctx.config.production
  const image = await getUnlimitedCode(ctx, {
    scene: row.scene,
    page: WXACODE_PAGE,
    // a trial build's pages are not "published": only the release version may check the path
    check_path: production,
    env_version: production ? 'release' : 'trial',
    width: WIDTH,
  })
  await repo.saveImage(ctx.db, row.scene, image.bytes.toString('base64'), image.contentType, ctx.now().toISOString())
  return image
}

/** What a scanned code's scene stands for. */
export async function resolveScene(ctx: AppContext, scene: string): Promise<SceneResponse> {
  const row = await repo.findByScene(ctx.db, scene)
  if (!row) throw new AppError(404, 'SCENE_NOT_FOUND', '这个小程序码已失效，请让邻居重新分享')
  return { dealId: row.deal_id, inviteCode: row.invite_code || null }
}

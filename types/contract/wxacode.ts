import { Type } from 'typebox'
import { Nullable } from './kit'

/**
 * Mini-program codes (小程序码) for share posters, made by WeChat's getwxacodeunlimit. A code's
 * `scene` (at most 32 characters) is a short key the server keeps for one deal and invite.
 */

export const WxacodeQuery = Type.Object({
  invite: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: "the sharer's invite code for this deal" })),
})

/** The image WeChat drew (its bytes, image/jpeg or image/png). */
export const WxacodeImage = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: 'the mini-program code image' })

// WeChat's scene alphabet is wider; the scenes Linli makes are letters and digits only
export const SceneParams = Type.Object({
  scene: Type.String({ pattern: '^[A-Za-z0-9]{1,32}$', description: 'the scene the mini-program was opened with (decoded)' }),
})

export const SceneResponse = Type.Object({
  dealId: Type.String(),
  inviteCode: Nullable(Type.String(), { description: 'null: a poster without an inviter' }),
})

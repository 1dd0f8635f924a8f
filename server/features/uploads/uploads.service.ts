import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { AppContext } from '../../http/context'
import { AppError } from '../../http/errors'
import * as repo from './uploads.repository'

/** Photos from a phone camera are 1-4 MB; anything bigger is not a product photo. */
export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024
export const UPLOADS_PREFIX = '/uploads/'

const IMAGE_KINDS: { ext: string; test: (b: Buffer) => boolean }[] = [
  { ext: 'jpg', test: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: 'gif', test: (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')) },
  {
    ext: 'webp',
    test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
]

/**
 * The file's own bytes decide what it is, not its name or the client's content type: a script
 * renamed to .jpg is refused.
 */
export function imageExtension(bytes: Buffer): string | null {
  return IMAGE_KINDS.find((k) => k.test(bytes))?.ext ?? null
}

export const notAnImage = () => new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '只能上传图片（JPG、PNG、GIF、WebP）')
const MAX_MB = UPLOAD_MAX_BYTES / 1024 / 1024
export const tooLarge = () => new AppError(413, 'FILE_TOO_LARGE', `图片不能超过 ${MAX_MB}MB`, { mb: MAX_MB })

const CONTENT_TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp' }
/** What a stored photo's name looks like (random, with its kind): anything else is not one of ours. */
const STORED_NAME = /^[A-Za-z0-9_-]{16}\.(jpg|png|gif|webp)$/

/**
 * Stores the image under a random name and returns the path it is served at: in the database
 * (every instance serves it) or on this machine's disk, as config.uploadsStore says.
 */
export async function saveImage(ctx: AppContext, bytes: Buffer): Promise<{ url: string }> {
  if (bytes.length === 0) throw notAnImage()
  const ext = imageExtension(bytes)
  if (!ext) throw notAnImage()
  const name = `${crypto.randomBytes(12).toString('base64url')}.${ext}`
  if (ctx.config.uploadsStore === 'database') {
    await repo.insertUpload(ctx.db, { name, content_type: CONTENT_TYPES[ext], bytes, created_at: ctx.now().toISOString() })
  } else {
    const dir = ctx.config.uploadsDir
    await fs.mkdir(dir, { recursive: true })
    // write to a temporary name first, so a half-written file is never served
    const tmp = path.join(dir, `.${name}.part`)
    await fs.writeFile(tmp, bytes)
    await fs.rename(tmp, path.join(dir, name))
  }
  return { url: `${UPLOADS_PREFIX}${name}` }
}

/** A stored photo by its name, from wherever this server keeps them; null when there is none. */
export async function readImage(ctx: AppContext, name: string): Promise<{ contentType: string; bytes: Buffer } | null> {
  const match = STORED_NAME.exec(name)
  if (!match) return null
  if (ctx.config.uploadsStore === 'database') {
    const row = await repo.findUpload(ctx.db, name)
    return row ? { contentType: row.content_type, bytes: row.bytes } : null
  }
  try {
    return { contentType: CONTENT_TYPES[match[1]], bytes: await fs.readFile(path.join(ctx.config.uploadsDir, name)) }
  } catch {
    return null
  }
}

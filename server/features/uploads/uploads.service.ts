import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { AppError } from '../../http/errors'

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

/** Stores the image under a random name and returns the path it is served at. */
export async function saveImage(dir: string, bytes: Buffer): Promise<{ url: string }> {
  if (bytes.length === 0) throw notAnImage()
  const ext = imageExtension(bytes)
  if (!ext) throw notAnImage()
  await fs.mkdir(dir, { recursive: true })
  const name = `${crypto.randomBytes(12).toString('base64url')}.${ext}`
  // write to a temporary name first, so a half-written file is never served
  const tmp = path.join(dir, `.${name}.part`)
  await fs.writeFile(tmp, bytes)
  await fs.rename(tmp, path.join(dir, name))
  return { url: `${UPLOADS_PREFIX}${name}` }
}

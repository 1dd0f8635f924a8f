import crypto from 'node:crypto'

/** Short, random, URL-safe ids (16 chars of base64url = 96 bits). */
export function newId(): string {
  return crypto.randomBytes(12).toString('base64url')
}

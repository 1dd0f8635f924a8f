import type { Database } from '../../db/database'

export async function insertUpload(db: Database, row: { name: string; content_type: string; bytes: Buffer; created_at: string }): Promise<void> {
  await db
    .insertInto('uploads')
    .values({ ...row, size: row.bytes.length })
    .execute()
}

export async function findUpload(db: Database, name: string): Promise<{ content_type: string; bytes: Buffer } | undefined> {
  const row = await db.selectFrom('uploads').select(['content_type', 'bytes']).where('name', '=', name).executeTakeFirst()
  return row ? { content_type: row.content_type, bytes: Buffer.from(row.bytes) } : undefined
}

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase } from '../../server/db/database'
import { sql } from 'kysely'

/** The server's SQLite log is copied back into the database by a worker thread, not by requests. */
describe('SQLite checkpoints off the request path', () => {
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-checkpoint-'))
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('the server connection never checkpoints, yet a second after a burst of writes the log is all in the database', async () => {
    const file = path.join(dir, 'linli.db')
    const db = openDatabase({ kind: 'sqlite', file })
    try {
      expect((await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)).rows[0].wal_autocheckpoint).toBe(0)
      await sql`create table notes (id integer primary key, body text)`.execute(db)
      for (let i = 0; i < 300; i++) await sql`insert into notes (body) values (${'邻里'.repeat(200)})`.execute(db)
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0)

      // only a checkpoint writes pages into the database file itself: 300 notes of ~600 bytes
      await new Promise((r) => setTimeout(r, 1_500))
      expect(fs.statSync(file).size).toBeGreaterThan(150_000)
      expect((await sql<{ n: number }>`select count(*) as n from notes`.execute(db)).rows[0].n).toBe(300)
    } finally {
      await db.destroy()
    }
  })
})

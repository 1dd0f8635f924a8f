import { Worker } from 'node:worker_threads'

/**
 * SQLite in WAL mode copies the log back into the database file now and then (a checkpoint, with
 * its fsyncs). Left to itself it does so inside whichever commit crosses the threshold, so some
 * shopper's join waits for the disk. Here the server's own connection never checkpoints; a worker
 * thread with a connection of its own does it every `everyMs` instead, off the request path.
 * A PASSIVE checkpoint never blocks the writer; a log grown past `truncateBytes` is reset (which
 * waits for a quiet moment, still on the worker). `onFailure`: the worker stopped on its own.
 */
export function startCheckpointer(
  file: string,
  options: { everyMs?: number; truncateBytes?: number; onFailure: (error: Error) => void },
): () => Promise<void> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      sqlite: require.resolve('better-sqlite3'),
      file,
      everyMs: options.everyMs ?? 1_000,
      truncateBytes: options.truncateBytes ?? 64 * 1024 * 1024,
    },
  })
  let stopping = false
  // a worker that cannot go on hands checkpoints back to the server's connection, so the log never
  // grows without end
  worker.on('error', (error) => options.onFailure(error))
  worker.on('exit', (code) => {
    if (!stopping) options.onFailure(new Error(`checkpointer exited with code ${code}`))
  })
  worker.unref()
  return async () => {
    stopping = true
    await worker.terminate()
  }
}

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads')
const fs = require('node:fs')
const SQLite = require(workerData.sqlite)
const db = new SQLite(workerData.file)
db.pragma('busy_timeout = 5000')
setInterval(() => {
  try {
    let size = 0
    try { size = fs.statSync(workerData.file + '-wal').size } catch {}
    db.pragma(size > workerData.truncateBytes ? 'wal_checkpoint(TRUNCATE)' : 'wal_checkpoint(PASSIVE)')
  } catch (error) {
    // busy or locked: the next round tries again
  }
}, workerData.everyMs)
`

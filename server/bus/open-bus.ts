import type { Config } from '../config'
import { type Bus, inProcessBus } from './bus'
import { postgresBus } from './postgres-bus'

/** PostgreSQL: LISTEN/NOTIFY on the shared database; SQLite (one process): in-process. */
export function openBus(database: Config['database'], options: { schema?: string } = {}): Promise<Bus> {
  return database.kind === 'postgres' ? postgresBus(database.url, options) : Promise.resolve(inProcessBus())
}

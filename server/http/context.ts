import type { Config } from '../config'
import type { Database } from '../db/database'

/** What every route and job is given: the database, the configuration and the clock. */
export interface AppContext {
  db: Database
  config: Config
  /** the server's clock; tests pass a controllable one */
  now: () => Date
}

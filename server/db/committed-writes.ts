import type {
  AliasNode,
  CompiledQuery,
  DatabaseConnection,
  DeleteQueryNode,
  Dialect,
  Driver,
  InsertQueryNode,
  Kysely,
  OperationNode,
  QueryResult,
  SelectQueryNode,
  TableNode,
  TransactionSettings,
  UpdateQueryNode,
} from 'kysely'

/**
 * Counts of the writes this process has committed to a database, per table: a transaction's commit
 * counts every table it wrote, a write run on its own counts its table. Read caches
 * (server/db/read-cache.ts) remember the count of the tables an entry was read from, and the entry is
 * good only while that count has not moved — so nothing this process commits is ever hidden behind
 * a cached answer. A write whose tables cannot be told (raw SQL, DDL, a CTE) counts as writing every
 * table. Other instances' writes arrive over the bus (server/bus/shared-writes.ts) and count the
 * same way; the caches also expire after a short time, in case the bus itself was not heard.
 */
export class WriteCounter {
  private everyTable = 0
  private readonly perTable = new Map<string, number>()

  /** A number that changes whenever a write to any of `tables` is committed. */
  of(tables: readonly string[]): number {
    let sum = this.everyTable
    for (const table of tables) sum += this.perTable.get(table) ?? 0
    return sum
  }

  private readonly listeners = new Set<(tables: string[] | null) => void>()
  private readonly counted = new Set<(tables: string[] | null) => void>()

  /** `null`: the tables are unknown, count it against all of them. */
  committed(tables: Iterable<string> | null): void {
    const list = tables === null ? null : [...tables]
    this.count(list)
    for (const listener of this.listeners) listener(list)
  }

  /** A write another process committed (heard on the bus): counted, not passed on again. */
  committedElsewhere(tables: string[] | null): void {
    this.count(tables)
  }

  /** Hear every write this process commits (to tell the other instances). */
  onCommitted(listener: (tables: string[] | null) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Hear every write counted, this process's and those heard from others (live pages refresh on it). */
  onCounted(listener: (tables: string[] | null) => void): () => void {
    this.counted.add(listener)
    return () => this.counted.delete(listener)
  }

  private count(tables: string[] | null): void {
    if (tables === null) this.everyTable++
    else for (const table of tables) this.perTable.set(table, (this.perTable.get(table) ?? 0) + 1)
    for (const listener of this.counted) listener(tables)
  }
}

const counters = new WeakMap<Kysely<any>, WriteCounter>()

/** A number that moves whenever this process commits a write to one of `tables` through `db`. */
export function committedWrites(db: Kysely<any>, tables: readonly string[]): number {
  return counters.get(db)?.of(tables) ?? 0
}

export function registerWriteCounter(db: Kysely<any>, counter: WriteCounter): void {
  counters.set(db, counter)
}

export function writeCounterOf(db: Kysely<any>): WriteCounter | undefined {
  return counters.get(db)
}

function tableName(node: OperationNode | undefined): string | null {
  if (node?.kind === 'TableNode') return (node as TableNode).table.identifier.name
  if (node?.kind === 'AliasNode') return tableName((node as AliasNode).node)
  return null
}

/** The tables a query writes: [] for a plain read, null when it cannot be told. */
function writtenTables(query: CompiledQuery): string[] | null {
  const node = query.query
  switch (node.kind) {
    case 'SelectQueryNode':
      return (node as SelectQueryNode).with ? null : []
    case 'RawNode':
      // raw SQL is a write unless it plainly reads (e.g. the health check's `select 1`)
      return /^\s*select\b/i.test(query.sql) ? [] : null
    case 'InsertQueryNode': {
      const insert = node as InsertQueryNode
      const table = tableName(insert.into)
      return table && !insert.with ? [table] : null
    }
    case 'UpdateQueryNode': {
      const update = node as UpdateQueryNode
      const table = tableName(update.table)
      return table && !update.with ? [table] : null
    }
    case 'DeleteQueryNode': {
      const del = node as DeleteQueryNode
      const tables = del.from.froms.map(tableName)
      return del.with || tables.some((t) => t === null) ? null : (tables as string[])
    }
    default:
      return null
  }
}

/** The dialect as it is, with its driver counting committed writes into `counter`. */
export function countingWrites(dialect: Dialect, counter: WriteCounter): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: () => new CountingDriver(dialect.createDriver(), counter),
  }
}

/** A connection seen by Kysely; the driver underneath is always handed its own connection back. */
class CountedConnection implements DatabaseConnection {
  /** inside a transaction: the tables written so far (null: unknown), counted at commit */
  transaction: { written: Set<string> | null } | null = null

  constructor(
    readonly inner: DatabaseConnection,
    private readonly counter: WriteCounter,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.inner.executeQuery<R>(query)
    const tables = writtenTables(query)
    if (tables?.length === 0) return result
    if (!this.transaction) this.counter.committed(tables)
    else if (tables === null) this.transaction.written = null
    else for (const table of tables) this.transaction.written?.add(table)
    return result
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize)
  }
}

class CountingDriver implements Driver {
  private readonly wrappers = new WeakMap<DatabaseConnection, CountedConnection>()

  constructor(
    private readonly driver: Driver,
    private readonly counter: WriteCounter,
  ) {
    // optional savepoint support: present exactly when the driver underneath has it
    for (const method of ['savepoint', 'rollbackToSavepoint', 'releaseSavepoint'] as const) {
      const inner = driver[method]
      if (inner) {
        this[method] = (connection: DatabaseConnection, name: string, compile: Parameters<typeof inner>[2]) =>
          inner.call(driver, (connection as CountedConnection).inner, name, compile)
      }
    }
  }

  savepoint?: Driver['savepoint']
  rollbackToSavepoint?: Driver['rollbackToSavepoint']
  releaseSavepoint?: Driver['releaseSavepoint']

  init(): Promise<void> {
    return this.driver.init()
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await this.driver.acquireConnection()
    let wrapper = this.wrappers.get(inner)
    if (!wrapper) {
      wrapper = new CountedConnection(inner, this.counter)
      this.wrappers.set(inner, wrapper)
    }
    return wrapper
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const counted = connection as CountedConnection
    counted.transaction = { written: new Set() }
    return this.driver.beginTransaction(counted.inner, settings)
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const counted = connection as CountedConnection
    const written = counted.transaction?.written ?? null
    try {
      await this.driver.commitTransaction(counted.inner)
    } finally {
      // counted even when the commit's answer is lost: a cache must not trust what it read before
      counted.transaction = null
      if (written === null || written.size > 0) this.counter.committed(written)
    }
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const counted = connection as CountedConnection
    try {
      await this.driver.rollbackTransaction(counted.inner)
    } finally {
      counted.transaction = null
    }
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.driver.releaseConnection((connection as CountedConnection).inner)
  }

  destroy(): Promise<void> {
    return this.driver.destroy()
  }
}

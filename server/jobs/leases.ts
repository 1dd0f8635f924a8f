import crypto from 'node:crypto'
import os from 'node:os'
import type { AppContext } from '../http/context'
import * as repo from './leases.repository'

/**
 * A job taken by one instance at a time, for `ttlMs` after each renewal. Its holder renews it on
 * every pass; if the holder dies, the lease runs out and the next instance to ask takes it over.
 * (Every pass is also safe to run twice; the lease is about not doing the work N times.)
 */
export class Lease {
  readonly holder = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`
  private ensured = false

  constructor(
    private readonly name: string,
    private readonly ttlMs: number,
  ) {}

  /** Take or renew the lease: true when this instance holds it now. */
  async take(ctx: AppContext): Promise<boolean> {
    if (!this.ensured) {
      await repo.ensureLease(ctx.db, this.name)
      this.ensured = true
    }
    const now = ctx.now()
    return repo.takeLease(ctx.db, this.name, this.holder, now.toISOString(), new Date(now.getTime() + this.ttlMs).toISOString())
  }

  release(ctx: AppContext): Promise<void> {
    return repo.releaseLease(ctx.db, this.name, this.holder)
  }
}

/**
 * How long to wait before trying a failed delivery again (a WeChat message, a refund): 30 s after
 * the first failure, doubling each time, never more than 6 hours — a provider that is down is not
 * asked every second, and one that comes back is used again soon.
 */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000)
}

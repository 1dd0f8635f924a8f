/**
 * Watches for what would otherwise fail silently and makes the app readable: on H5 a page whose code
 * cannot be fetched (a tab or a deal tapped offline: webpack's ChunkLoadError) or a request that never
 * reached the server shows a notice with a retry; each page's scrolling container can take focus
 * (keyboards and screen readers can scroll it). In WeChat the runtime owns both: nothing to do.
 */
export declare function installPageGuard(): void

/** Whether an error is a page's code or a request that did not arrive (offline, server unreachable). */
export declare function isFetchFailure(reason: unknown): boolean

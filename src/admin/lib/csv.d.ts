// How a list's CSV leaves the console: a file download in a browser; in WeChat, the file shared to a chat.
import type { Query } from '@/api/client'

/** Fetch `path?…&format=csv` with the session and save (H5) or share (WeChat) it as `name`.csv. */
export declare function saveCsv(path: string, query: Query, name: string): Promise<void>

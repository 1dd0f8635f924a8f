// What the leader console does differently in WeChat and in a browser. Taro's build picks
// platform.weapp.ts or platform.h5.ts for './platform'; this file is the shape both give (tsc reads it).
import type { PickingList } from '@/api/leader'

/** WeChat can scan a pickup code with the camera; a browser types it. */
export declare const canScan: boolean

/** WeChat picks a pickup point's place on a map; a browser types its coordinates. */
export declare const picksOnMap: boolean

/** A browser saves the picking list as files; WeChat shares the picture and copies the table as text. */
export declare const savesFiles: boolean

/** The picking list as a picture: a PNG download on H5; WeChat's share-image menu (chat, album). */
export declare function savePickingImage(list: PickingList): Promise<void>

/** The picking table: a CSV download on H5; in WeChat, text on the clipboard to paste into a chat or sheet. */
export declare function savePickingCsv(name: string, csv: string): void

// What the leader console does differently in WeChat and in a browser. Taro's build picks
// platform.weapp.ts or platform.h5.ts for './platform'; this file is the shape both give (tsc reads it).
import type { PickingList } from '@/api/leader'
import type { LatLng } from '@/domain'

/** WeChat can scan a pickup code with the camera; a browser types it. */
export declare const canScan: boolean

/** WeChat picks a pickup point's place on a map; a browser takes where the device is now (or typed coordinates). */
export declare const picksOnMap: boolean

/** A place for a pickup point, in GCJ-02 (what WeChat gives and the points are stored in). */
export interface PickedPlace {
  lat: number
  lng: number
  /** WeChat's map gives the place's name and address; a browser's fix has neither */
  name?: string
  address?: string
}

/**
 * WeChat: Taro.chooseLocation, the leader picks on WeChat's map (starting at `near`). A browser:
 * Taro.getLocation (WGS-84) moved onto GCJ-02. null when the leader cancelled or location was refused.
 */
export declare function pickPlace(near: LatLng | null): Promise<PickedPlace | null>

/** A browser saves the picking list as files; WeChat shares the picture and copies the table as text. */
export declare const savesFiles: boolean

/** The picking list as a picture: a PNG download on H5; WeChat's share-image menu (chat, album). */
export declare function savePickingImage(list: PickingList): Promise<void>

/** The picking table: a CSV download on H5; in WeChat, text on the clipboard to paste into a chat or sheet. */
export declare function savePickingCsv(name: string, csv: string): void

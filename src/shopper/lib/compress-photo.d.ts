// A phone photo made small before it is uploaded (Taro's build picks compress-photo.weapp.ts or
// compress-photo.h5.ts; this file is the shape both give, for tsc).

/** The longest side a photo is sent at, in pixels. */
export declare const MAX_SIDE: number

/** A temporary path of the photo compressed (JPEG); the original path if it cannot be compressed. */
export declare function compressPhoto(path: string): Promise<string>

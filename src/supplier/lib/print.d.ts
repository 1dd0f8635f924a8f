// Taro's build picks print.h5.ts or print.weapp.ts for './print'; this file is the shape both give (tsc reads it).

/** A browser prints the page (the print stylesheet keeps only the lists); WeChat has no printing. */
export declare const canPrint: boolean

export declare function printPage(): void

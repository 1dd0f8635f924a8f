/**
 * A deal's photos, side by side, the first one asked for first. In WeChat its Swiper; on H5 a
 * scroll-snapping row (Taro's H5 Swiper brings 160 KB of swiper.js into every page's shared
 * components chunk, home included).
 */
export declare function DealPhotos(props: { name: string; images: string[]; className?: string }): JSX.Element

/**
 * For Taro's Button `disabled`: on H5 it is a custom element, and React writes `false` as the
 * attribute disabled="false", which Taro's styles (and screen readers) still read as disabled.
 */
export const disabledWhen = (off: boolean): true | undefined => (off ? true : undefined)

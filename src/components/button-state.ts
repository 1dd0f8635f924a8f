/**
 * For Taro's Button `disabled`: on H5 it is a custom element, and React writes `false` as the
 * attribute disabled="false", which Taro's styles (and screen readers) still read as disabled.
 */
export const disabledWhen = (off: boolean): true | undefined => (off ? true : undefined)

/**
 * A button that may be off: its class with `is-off` (which greys it) and `disabled`, from one
 * condition, so the look and the behaviour cannot disagree. Spread it: `<Button {...offWhen(busy, 'x')}>`.
 */
export const offWhen = (off: boolean, className: string): { className: string; disabled: true | undefined } => ({
  className: off ? `${className} is-off` : className,
  disabled: disabledWhen(off),
})

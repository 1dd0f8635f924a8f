import { useLocale, type Locale } from './store'

export type Params = Record<string, string | number>

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function format(template: string, params?: Params): string {
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

export interface Translate<K extends string> {
  /** The message in the current locale (Chinese when a table lacks it); English singular forms when `n` is 1. */
  (key: K, params?: Params): string
  /** Whether the tables know this key (for keys built from a server's code). */
  has(key: string): key is K
}

/**
 * One `t` over one set of tables. The shoppers' words and the leader console's words are separate
 * tables (the console is a weapp subpackage and its words must stay out of the main package), read
 * the same way.
 */
export function translator<K extends string>(tables: Record<Locale, Record<K, string>>, enOne: Partial<Record<K, string>> = {}): Translate<K> {
  const zh = tables['zh-CN']
  const t = (key: K, params?: Params): string => {
    const locale = useLocale.getState().locale
    const table = tables[locale] ?? zh
    const one = locale === 'en' && params?.n === 1 ? enOne[key] : undefined
    return format(one ?? table[key] ?? zh[key] ?? key, params)
  }
  return Object.assign(t, { has: (key: string): key is K => Object.prototype.hasOwnProperty.call(zh, key) })
}

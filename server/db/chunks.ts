/**
 * Split `items` into runs of at most `size`: one multi-row statement per run, so a bulk write of
 * ten thousand rows is twenty statements, each well inside both databases' parameter limits.
 */
export function chunks<T>(items: readonly T[], size = 1000): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Group items by a key (e.g. orders by the amount one update sets). */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = groups.get(k)
    if (list) list.push(item)
    else groups.set(k, [item])
  }
  return groups
}

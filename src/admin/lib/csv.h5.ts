import { API_BASE, serverError, type Query } from '@/api/client'
import { download } from '@/platform/download'
import { useLocale } from '@/i18n'
import { useSession } from '@/stores/session'

const queryString = (query: Query) =>
  Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&')

export async function saveCsv(path: string, query: Query, name: string): Promise<void> {
  const token = useSession.getState().token
  const lang = useLocale.getState().locale
  const res = await fetch(`${API_BASE}/api/v1${path}?${queryString({ ...query, format: 'csv', lang })}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  })
  if (!res.ok) throw serverError(res.status, await res.json().catch(() => null))
  const url = URL.createObjectURL(await res.blob())
  download(url, `${name}.csv`)
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

import Taro from '@tarojs/taro'
import { API_BASE, ApiError, type Query } from '@/api/client'
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
  const res = await Taro.downloadFile({
    url: `${API_BASE}/api/v1${path}?${queryString({ ...query, format: 'csv', lang })}`,
    header: token ? { Authorization: `Bearer ${token}` } : {},
  })
  if (res.statusCode !== 200) throw ApiError.of(res.statusCode >= 500 ? 'SERVER_ERROR' : 'HTTP_ERROR')
  // WeChat opens no CSV itself: the operator sends it to a chat and opens it on a computer
  await Taro.shareFileMessage({ filePath: res.tempFilePath, fileName: `${name}.csv` })
}

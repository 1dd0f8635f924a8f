/** Mini-program codes (小程序码) for share posters, and what a scanned one's scene opens. */
import type { SceneResponse } from '../../types/api'
import { API_BASE, request } from './client'

/** What a scanned code opens: its deal and the sharer's invite (404 SCENE_NOT_FOUND when unknown). */
export const resolveScene = (scene: string) => request<SceneResponse>('GET', `/wxacode/scenes/${encodeURIComponent(scene)}`)

/** Where the poster's code image is (image bytes, not JSON: fetched as an array buffer in WeChat). */
export const wxacodeUrl = (dealId: string, inviteCode: string | null) =>
  `${API_BASE}/api/v1/deals/${encodeURIComponent(dealId)}/wxacode${inviteCode ? `?invite=${encodeURIComponent(inviteCode)}` : ''}`

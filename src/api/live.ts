import type { LiveDealResponse } from '../../types/api'
import { socketOrigin } from '@/platform'
import { API_BASE, request } from './client'

/** The WebSocket a deal page watches (see server/features/live). */
export const liveSocketUrl = (dealId: string) => `${socketOrigin(API_BASE)}/api/v1/deals/${encodeURIComponent(dealId)}/live`

/** The same live state once, over plain HTTP: what a page polls when its socket cannot open. */
export const getLiveDeal = (dealId: string) => request<LiveDealResponse>('GET', `/deals/${encodeURIComponent(dealId)}/live`)

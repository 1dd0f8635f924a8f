/**
 * The leader console's requests (one small function each, over the app's one client). Only the
 * `leader/` subpackage imports this file, so shoppers never download it.
 */
import Taro from '@tarojs/taro'
import type {
  DealDetail,
  DealInput,
  DealSummary,
  LeaderApplication,
  LeaderApplicationInput,
  LeaderApplicationStatus,
  OrderStatus,
  PickupPoint,
  PickupPointInput,
  PickupPointListResponse,
  UploadResponse,
} from '../../types/api'
import { useSession } from '@/stores/session'
import { API_BASE, ApiError, request } from './client'

const id = encodeURIComponent

/** One order as the leader sees it: the shopper's name masked. */
export interface LeaderOrder {
  id: string
  shopper: string
  quantity: number
  status: OrderStatus
  pickupPoint: { id: string; name: string }
  unitPriceFen: number
  finalUnitPriceFen: number | null
  paidFen: number
  refundFen: number
  invited: boolean
  createdAt: string
  paidAt: string | null
  pickedUpAt: string | null
}

export interface ArrivalResult {
  dealId: string
  pickupPointId: string
  arrivedAt: string
  readyOrders: number
}

/** `GET /leader/picking-list?date=`: what to hand out on that day, per pickup point. */
export interface PickingList {
  date: string
  pickupPoints: PickingPoint[]
}

export interface PickingPoint {
  pickupPoint: { id: string; name: string; address: string }
  /** totals per product */
  products: { dealId: string; title: string; name: string; spec: string; quantity: number; pickedUpQuantity: number }[]
  /** shoppers (masked) with what they take */
  shoppers: { orderId: string; shopper: string; dealId: string; product: string; quantity: number; status: OrderStatus }[]
}

/** The order a pickup code belongs to (picked up once verified). */
export interface VerifiedPickup {
  id: string
  dealId: string
  dealTitle: string
  product: { name: string; spec: string }
  shopper: string
  quantity: number
  status: OrderStatus
  pickupPoint: { id: string; name: string }
  pickedUpAt: string | null
}

export interface EarningsDeal {
  dealId: string
  title: string
  dealStatus: string
  pendingValueFen: number
  pendingFen: number
  earnedValueFen: number
  earnedFen: number
}

/** Commission per calendar week (starting Monday) or month in Shanghai time. */
export interface EarningsPeriod {
  /** week: its Monday, YYYY-MM-DD; month: YYYY-MM */
  period: string
  earnedFen: number
  pendingFen: number
}

export interface Earnings {
  commissionBps: number
  deals: EarningsDeal[]
  totals: { pendingFen: number; earnedFen: number }
  weeks: EarningsPeriod[]
  months: EarningsPeriod[]
}

// pickup points
export const listMyPoints = () => request<PickupPointListResponse>('GET', '/leader/pickup-points')
export const createPoint = (body: PickupPointInput) => request<PickupPoint>('POST', '/leader/pickup-points', { body })
export const updatePoint = (pointId: string, body: Partial<PickupPointInput>) =>
  request<PickupPoint>('PATCH', `/leader/pickup-points/${id(pointId)}`, { body })

// deals
export const listMyDeals = () => request<{ deals: DealSummary[] }>('GET', '/leader/deals')
export const getMyDeal = (dealId: string) => request<{ deal: DealDetail }>('GET', `/leader/deals/${id(dealId)}`)
export const createDeal = (body: DealInput) => request<{ deal: DealDetail }>('POST', '/leader/deals', { body })
export const updateDeal = (dealId: string, body: Partial<DealInput>) =>
  request<{ deal: DealDetail }>('PATCH', `/leader/deals/${id(dealId)}`, { body })
export const publishDeal = (dealId: string) => request<{ deal: DealDetail }>('POST', `/leader/deals/${id(dealId)}/publish`)
export const cancelDeal = (dealId: string) => request<{ deal: DealDetail }>('POST', `/leader/deals/${id(dealId)}/cancel`)
export const listDealOrders = (dealId: string) =>
  request<{ orders: LeaderOrder[] }>('GET', `/leader/deals/${id(dealId)}/orders`)
export const markArrived = (dealId: string, pickupPointId: string) =>
  request<ArrivalResult>('POST', `/leader/deals/${id(dealId)}/arrivals`, { body: { pickupPointId } })

// running the point
export const getPickingList = (date: string) => request<PickingList>('GET', '/leader/picking-list', { query: { date } })
/** The order behind a code, before handing over; changes nothing. */
export const lookupPickup = (code: string) =>
  request<{ order: VerifiedPickup }>('POST', '/leader/pickups/lookup', { body: { code } })
export const verifyPickup = (code: string) =>
  request<{ order: VerifiedPickup }>('POST', '/leader/pickups/verify', { body: { code } })
export const getEarnings = () => request<Earnings>('GET', '/leader/earnings')

// becoming a leader
export const applyToLead = (body: LeaderApplicationInput) =>
  request<LeaderApplication>('POST', '/leader-applications', { body })
export const myApplication = () =>
  request<{ application: LeaderApplication | null }>('GET', '/leader-applications/mine')
export const listApplications = (status?: LeaderApplicationStatus) =>
  request<{ applications: LeaderApplication[] }>('GET', '/admin/leader-applications', { query: { status } })
export const approveApplication = (appId: string, commissionBps: number) =>
  request<LeaderApplication>('POST', `/admin/leader-applications/${id(appId)}/approve`, { body: { commissionBps } })
export const rejectApplication = (appId: string, reason: string) =>
  request<LeaderApplication>('POST', `/admin/leader-applications/${id(appId)}/reject`, { body: { reason } })

/** A product photo from the phone's album or camera -> the server's `{ url }` for it. */
export async function uploadPhoto(filePath: string): Promise<UploadResponse> {
  const token = useSession.getState().token
  let res: Taro.uploadFile.SuccessCallbackResult
  try {
    res = await Taro.uploadFile({
      url: `${API_BASE}/api/v1/uploads`,
      filePath,
      name: 'file',
      header: token ? { Authorization: `Bearer ${token}` } : {},
    })
  } catch {
    throw new ApiError('NETWORK_ERROR', '图片上传失败，请检查网络后重试')
  }
  // uploadFile hands back the body as text
  let body: unknown = null
  try {
    body = typeof res.data === 'string' ? JSON.parse(res.data) : res.data
  } catch {
    body = null
  }
  if (res.statusCode < 200 || res.statusCode >= 300) {
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error
    throw new ApiError(error?.code ?? 'UPLOAD_FAILED', error?.message ?? '图片上传失败，请稍后再试', res.statusCode)
  }
  return body as UploadResponse
}

/** Where an image path from the server can be loaded: relative paths need the API's origin on weapp. */
export const imageSrc = (url: string) => (/^https?:\/\//.test(url) ? url : `${API_BASE}${url}`)

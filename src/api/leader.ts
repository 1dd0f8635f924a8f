/**
 * The leader console's requests (one small function each, over the app's one client). Only the
 * `leader/` subpackage imports this file, so shoppers never download it.
 */
import type {
  DealDetail,
  DealInput,
  DealSummary,
  LeaderApplication,
  LeaderApplicationInput,
  LeaderApplicationStatus,
  LeaderOrder,
  ArrivalResult,
  PickingList,
  VerifiedPickup,
  Earnings,
  PickupPoint,
  PickupPointInput,
  PickupPointListResponse,
} from '../../types/api'
import { API_BASE, request, uploadImage } from './client'

const id = encodeURIComponent

// the leader console's response shapes live in the contract (types/api.ts), shared with the server
export type { LeaderOrder, ArrivalResult, PickingList, PickingPoint, VerifiedPickup, EarningsDeal, EarningsPeriod, Earnings } from '../../types/api'

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
export const listDealOrders = (dealId: string) => request<{ orders: LeaderOrder[] }>('GET', `/leader/deals/${id(dealId)}/orders`)
export const markArrived = (dealId: string, pickupPointId: string) =>
  request<ArrivalResult>('POST', `/leader/deals/${id(dealId)}/arrivals`, { body: { pickupPointId } })

// running the point
export const getPickingList = (date: string) => request<PickingList>('GET', '/leader/picking-list', { query: { date } })
/** The order behind a code, before handing over; changes nothing. */
export const lookupPickup = (code: string) => request<{ order: VerifiedPickup }>('POST', '/leader/pickups/lookup', { body: { code } })
export const verifyPickup = (code: string) => request<{ order: VerifiedPickup }>('POST', '/leader/pickups/verify', { body: { code } })
export const getEarnings = () => request<Earnings>('GET', '/leader/earnings')

// becoming a leader
export const applyToLead = (body: LeaderApplicationInput) => request<LeaderApplication>('POST', '/leader-applications', { body })
export const myApplication = () => request<{ application: LeaderApplication | null }>('GET', '/leader-applications/mine')
export const listApplications = (status?: LeaderApplicationStatus) =>
  request<{ applications: LeaderApplication[] }>('GET', '/admin/leader-applications', { query: { status } })
export const approveApplication = (appId: string, commissionBps: number) =>
  request<LeaderApplication>('POST', `/admin/leader-applications/${id(appId)}/approve`, { body: { commissionBps } })
export const rejectApplication = (appId: string, reason: string) =>
  request<LeaderApplication>('POST', `/admin/leader-applications/${id(appId)}/reject`, { body: { reason } })

/** A product photo from the phone's album or camera -> the server's `{ url }` for it. */
export const uploadPhoto = uploadImage

/** Where an image path from the server can be loaded: relative paths need the API's origin on weapp. */
export const imageSrc = (url: string) => (/^https?:\/\//.test(url) ? url : `${API_BASE}${url}`)

// pickup staff (核销员) and no-shows
export type { StaffInviteResponse, StaffInviteView, StaffMember, UnclaimedOrder, MyCounters } from '../../types/api'
type StaffTypes = import('../../types/api').StaffInviteResponse
export const inviteStaff = (pointId: string) => request<StaffTypes>('POST', `/leader/pickup-points/${id(pointId)}/staff-invites`)
export const listStaff = () => request<{ staff: import('../../types/api').StaffMember[] }>('GET', '/leader/staff')
export const removeStaff = (grantId: string) => request<{ ok: boolean }>('DELETE', `/leader/staff/${id(grantId)}`)
export const getStaffInvite = (code: string) => request<{ invite: import('../../types/api').StaffInviteView }>('GET', `/staff-invites/${id(code)}`)
export const acceptStaffInvite = (code: string) => request<{ pickupPoint: { id: string; name: string } }>('POST', `/staff-invites/${id(code)}/accept`)
export const listUnclaimed = () => request<{ orders: import('../../types/api').UnclaimedOrder[] }>('GET', '/leader/unclaimed-orders')
export const pickUpLate = (orderId: string, note: string) => request<unknown>('POST', `/leader/orders/${id(orderId)}/late-pickup`, { body: { note } })
export const refundNoShow = (orderId: string) => request<unknown>('POST', `/leader/orders/${id(orderId)}/no-show-refund`)
export const staffArrivals = () => request<import('../../types/api').StaffArrivals>('GET', '/staff/arrivals')
export const markStaffArrival = (dealId: string, pickupPointId: string) =>
  request<ArrivalResult>('POST', '/staff/arrivals', { body: { dealId, pickupPointId } })

// wallet and withdrawals (提现): a leader's commission, or (owner 'supplier') a supplier's payables
export type { Wallet, WalletEntry, Payout, MerchantTransferConfirm } from '../../types/api'
type WalletOwner = 'leader' | 'supplier'
export const getWallet = (owner: WalletOwner = 'leader') => request<import('../../types/api').Wallet>('GET', `/${owner}/wallet`)
export const askPayout = (owner: WalletOwner, amountFen: number, idempotencyKey: string) =>
  request<import('../../types/api').PayoutResponse>('POST', `/${owner}/payouts`, {
    body: { amountFen },
    headers: { 'Idempotency-Key': idempotencyKey },
  })
/** after 确认收款 in WeChat: the server asks the provider where the transfer is */
export const confirmPayout = (owner: WalletOwner, payoutId: string) =>
  request<import('../../types/api').PayoutResponse>('POST', `/${owner}/payouts/${id(payoutId)}/confirm`)

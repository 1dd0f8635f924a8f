/**
 * The supplier console's requests (供货商), and the leader's help-selling (帮卖) and receipt (收货)
 * requests: one small function each, over the app's one client. Only the `supplier/` and `leader/`
 * subpackages import this file, so shoppers never download it.
 */
import type {
  DeliveryResponse,
  DeliveryRoute,
  LeaderSupplierDeal,
  PackingList,
  PurchaseOrder,
  ReceiptInput,
  Receipt,
  ReceiptTask,
  Supplier,
  SupplierApplicationInput,
  SupplierDeal,
  SupplierDealInput,
  SupplierDealPatch,
  SupplierDealSummary,
  SupplierOwed,
  SupplierProfilePatch,
} from '../../types/api'
import { request } from './client'

const id = encodeURIComponent

export type {
  Delivery,
  DeliveryResponse,
  DeliveryRoute,
  HelpSellingPoint,
  LeaderSupplierDeal,
  OwedDeal,
  PackingList,
  PackingPoint,
  PurchaseOrder,
  PurchaseOrderLine,
  Receipt,
  ReceiptTask,
  RouteStop,
  Supplier,
  SupplierDeal,
  SupplierDealInput,
  SupplierDealPoint,
  SupplierDealSummary,
  SupplierOwed,
} from '../../types/api'

// becoming a supplier, and its profile
export const mySupplier = () => request<{ supplier: Supplier | null }>('GET', '/me/supplier')
export const applyToSupply = (body: SupplierApplicationInput) => request<{ supplier: Supplier }>('POST', '/supplier-applications', { body })
export const updateSupplierProfile = (body: SupplierProfilePatch) => request<{ supplier: Supplier }>('PATCH', '/supplier/profile', { body })

// the supplier's deals
export const listSupplierDeals = () => request<{ deals: SupplierDealSummary[] }>('GET', '/supplier/deals')
export const getSupplierDeal = (dealId: string) => request<{ deal: SupplierDeal }>('GET', `/supplier/deals/${id(dealId)}`)
export const createSupplierDeal = (body: SupplierDealInput) => request<{ deal: SupplierDeal }>('POST', '/supplier/deals', { body })
export const updateSupplierDeal = (dealId: string, body: SupplierDealPatch) =>
  request<{ deal: SupplierDeal }>('PATCH', `/supplier/deals/${id(dealId)}`, { body })
export const publishSupplierDeal = (dealId: string) => request<{ deal: SupplierDeal }>('POST', `/supplier/deals/${id(dealId)}/publish`)
export const cancelSupplierDeal = (dealId: string) => request<{ deal: SupplierDeal }>('POST', `/supplier/deals/${id(dealId)}/cancel`)

// after cutoff: one delivery day at a time
export const getPurchaseOrder = (date: string) => request<PurchaseOrder>('GET', '/supplier/purchase-orders', { query: { date } })
export const getPackingLists = (date: string) => request<PackingList>('GET', '/supplier/packing-lists', { query: { date } })
export const getRoute = (date: string) => request<DeliveryRoute>('GET', '/supplier/route', { query: { date } })
export const markDelivered = (date: string, pickupPointId: string) =>
  request<DeliveryResponse>('POST', '/supplier/deliveries', { body: { date, pickupPointId } })
export const getOwed = () => request<SupplierOwed>('GET', '/supplier/owed')

// the leader's side: supplier deals on offer, opting her points in and out
export const listOffers = () => request<{ deals: LeaderSupplierDeal[] }>('GET', '/leader/supplier-deals')
export const optIn = (dealId: string, pickupPointId: string) =>
  request<{ deal: LeaderSupplierDeal }>('POST', `/leader/supplier-deals/${id(dealId)}/points`, { body: { pickupPointId } })
export const optOut = (dealId: string, pointId: string) =>
  request<{ deal: LeaderSupplierDeal }>('DELETE', `/leader/supplier-deals/${id(dealId)}/points/${id(pointId)}`)

// the leader's side: what arrived
export const listReceipts = (date?: string) => request<{ receipts: ReceiptTask[] }>('GET', '/leader/receipts', { query: { date } })
export const recordReceipt = (body: ReceiptInput) => request<{ receipt: Receipt }>('POST', '/leader/receipts', { body })

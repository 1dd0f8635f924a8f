/** the shopper's after-sales requests (售后, refund only). */
import type { AfterSalesView, CreateAfterSalesRequest, OrderAfterSalesResponse } from '../../types/api'
import { request, uploadImage } from './client'

const id = encodeURIComponent

export type { AfterSalesView, AfterSalesTimelineStep, OrderAfterSalesResponse } from '../../types/api'

export const getOrderAfterSales = (orderId: string) => request<OrderAfterSalesResponse>('GET', `/orders/${id(orderId)}/after-sales`)
export const createAfterSales = (orderId: string, body: CreateAfterSalesRequest) =>
  request<{ request: AfterSalesView }>('POST', `/orders/${id(orderId)}/after-sales`, { body })
export const escalateAfterSales = (requestId: string, note: string) =>
  request<{ request: AfterSalesView }>('POST', `/after-sales/${id(requestId)}/escalate`, { body: { note } })

/** The form page's path for an order. */
export const afterSalesFormPath = (orderId: string) => `/shopper/pages/after-sales/index?orderId=${id(orderId)}`

/** A photo of what went wrong -> the server's `{ url }` for it (POST /uploads takes a shopper with a recent pickup). */
export const uploadAfterSalesPhoto = uploadImage

// the point's leader, and the operator (used by the leader subpackage's after-sales page)
export const listLeaderAfterSales = () => request<{ requests: AfterSalesView[] }>('GET', '/leader/after-sales')
/** Without an amount: in full; with one: that part (at most what is left). */
export const approveAfterSales = (requestId: string, amountFen?: number) =>
  request<{ request: AfterSalesView }>('POST', `/leader/after-sales/${id(requestId)}/approve`, { body: amountFen === undefined ? {} : { amountFen } })
export const refuseAfterSales = (requestId: string, reason: string) =>
  request<{ request: AfterSalesView }>('POST', `/leader/after-sales/${id(requestId)}/refuse`, { body: { reason } })
export const listEscalations = () => request<{ requests: AfterSalesView[] }>('GET', '/admin/after-sales')
export const decideAfterSales = (requestId: string, body: { decision: 'refund' | 'uphold'; amountFen?: number; note: string }) =>
  request<{ request: AfterSalesView }>('POST', `/admin/after-sales/${id(requestId)}/decide`, { body })

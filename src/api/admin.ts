/** The operator console's requests (admin only; the admin subpackage alone imports this file). */
import type {
  AdminAuditResponse,
  AdminDeal,
  AdminDealDetail,
  AdminDealListResponse,
  AdminOrderListResponse,
  AdminOverview,
  AdminPayout,
  AdminPayoutList,
  AdminPeopleResponse,
  AdminPerson,
  AdminRefund,
  AdminRefundListResponse,
  AlertsResponse,
  DealStatus,
  LeaderApplication,
  LeaderApplicationStatus,
  PayoutStatus,
  ReconciliationDaysResponse,
  ReconciliationReport,
  Supplier,
} from '../../types/api'
import { request, type Query } from './client'

export type {
  AdminAuditEntry,
  AdminDeal,
  AdminDealDetail,
  AdminOrder,
  AdminOverview,
  AdminPayout,
  AdminPerson,
  AdminRefund,
  Alert,
  LeaderApplication,
  ReconciliationReport,
  ReconciliationDay,
  Supplier,
} from '../../types/api'

const id = (value: string) => encodeURIComponent(value)

export const getOverview = (days = 30) => request<AdminOverview>('GET', '/admin/overview', { query: { days } })
export const getAlerts = () => request<AlertsResponse>('GET', '/admin/alerts')

export const listDeals = (query: { q?: string; status?: DealStatus; offset?: number }) =>
  request<AdminDealListResponse>('GET', '/admin/deals', { query })
export const getDeal = (dealId: string) => request<AdminDealDetail>('GET', `/admin/deals/${id(dealId)}`)
export const setDealCommission = (dealId: string, commissionBps: number | null) =>
  request<AdminDeal>('PATCH', `/admin/deals/${id(dealId)}/commission`, { body: { commissionBps } })

export const searchOrders = (q: string) => request<AdminOrderListResponse>('GET', '/admin/orders', { query: { q } })

export const listRefunds = (query: { abnormal?: boolean }) =>
  request<AdminRefundListResponse>('GET', '/admin/refunds', { query: { abnormal: query.abnormal ? 'true' : undefined } })
export const retryRefund = (refundId: string) => request<AdminRefund>('POST', `/admin/refunds/${id(refundId)}/retry`)

export const listPeople = (query: { role?: 'leader' | 'supplier'; q?: string }) => request<AdminPeopleResponse>('GET', '/admin/people', { query })
export const suspendUser = (userId: string, reason?: string) =>
  request<AdminPerson>('POST', `/admin/users/${id(userId)}/suspend`, { body: reason ? { reason } : {} })
export const unsuspendUser = (userId: string) => request<AdminPerson>('POST', `/admin/users/${id(userId)}/unsuspend`)
export const setUserCommission = (userId: string, commissionBps: number) =>
  request<AdminPerson>('PATCH', `/admin/users/${id(userId)}/commission`, { body: { commissionBps } })

export const listAudit = (query: { action?: string; before?: string } = {}) => request<AdminAuditResponse>('GET', '/admin/audit', { query })

// leader applications (the leader-applications feature's admin routes)
export const listLeaderApplications = (status?: LeaderApplicationStatus) =>
  request<{ applications: LeaderApplication[] }>('GET', '/admin/leader-applications', { query: { status } })
export const approveLeaderApplication = (appId: string, commissionBps: number) =>
  request<LeaderApplication>('POST', `/admin/leader-applications/${id(appId)}/approve`, { body: { commissionBps } })
export const rejectLeaderApplication = (appId: string, reason: string) =>
  request<LeaderApplication>('POST', `/admin/leader-applications/${id(appId)}/reject`, { body: { reason } })

// supplier applications (SUPPLIERS' endpoints: types/contract/suppliers.ts)
export const listSuppliers = (status?: Supplier['status']) => request<{ suppliers: Supplier[] }>('GET', '/admin/suppliers', { query: { status } })
export const approveSupplier = (supplierId: string) => request<{ supplier: Supplier }>('POST', `/admin/suppliers/${id(supplierId)}/approve`)
export const rejectSupplier = (supplierId: string, reason: string) =>
  request<{ supplier: Supplier }>('POST', `/admin/suppliers/${id(supplierId)}/reject`, { body: { reason } })

// payouts (PAYOUTS' endpoints: types/contract/payouts.ts)
export const listPayouts = (status?: PayoutStatus) => request<AdminPayoutList>('GET', '/admin/payouts', { query: { status } })
export const approvePayout = (payoutId: string) => request<{ payout: AdminPayout }>('POST', `/admin/payouts/${id(payoutId)}/approve`)
export const refusePayout = (payoutId: string, reason: string) =>
  request<{ payout: AdminPayout }>('POST', `/admin/payouts/${id(payoutId)}/refuse`, { body: { reason } })

// reconciliation (RECON's endpoints: types/contract/reconciliation.ts)
export const getReconciliation = (day: string) => request<ReconciliationReport>('GET', '/admin/reconciliation', { query: { day } })
export const runReconciliation = (day: string) => request<ReconciliationReport>('POST', '/admin/reconciliation/run', { body: { day } })
export const listReconciliationDays = (limit = 30) => request<ReconciliationDaysResponse>('GET', '/admin/reconciliation/days', { query: { limit } })

/** A list's `?format=csv` address with its query (fetched with the session by the platform's saver). */
export function csvPath(path: string, query: Query = {}): { path: string; query: Query } {
  return { path, query: { ...query, format: 'csv' } }
}

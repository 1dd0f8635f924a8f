/** proxy pickup (代取) requests, the owner's side and the neighbour's. */
import type { DelegationView, OwnerDelegation } from '../../types/api'
import { request } from './client'

const id = encodeURIComponent

export type { DelegationView, OwnerDelegation } from '../../types/api'

export const getOrderDelegation = (orderId: string) => request<{ delegation: OwnerDelegation | null }>('GET', `/orders/${id(orderId)}/delegation`)
export const createOrderDelegation = (orderId: string) => request<{ delegation: OwnerDelegation }>('POST', `/orders/${id(orderId)}/delegation`)
export const revokeOrderDelegation = (orderId: string) => request<{ delegation: OwnerDelegation }>('POST', `/orders/${id(orderId)}/delegation/revoke`)
export const getDelegation = (token: string) => request<{ delegation: DelegationView }>('GET', `/delegations/${id(token)}`)
export const acceptDelegation = (token: string) => request<{ delegation: DelegationView }>('POST', `/delegations/${id(token)}/accept`)

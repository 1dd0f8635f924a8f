/** One small function per request; types from the shared contract. */
import type {
  DealCategoriesResponse,
  AuthResponse,
  CreateOrderRequest,
  CreateOrderResponse,
  DealListResponse,
  DealResponse,
  DevLoginRequest,
  InviteResponse,
  MessagesResponse,
  NotificationTemplatesResponse,
  Order,
  PickupPointListResponse,
  SubscriptionsRequest,
  User,
} from '../../types/api'
import type { LatLng } from '@/domain'
import { request } from './client'

export { ApiError, API_BASE, assetUrl, newIdempotencyKey } from './client'

const at = (where?: LatLng | null) => (where ? { lat: where.lat, lng: where.lng } : {})

export interface InviteSummary {
  dealId: string
  dealTitle: string
  friends: number
}

export const devLogin = (body: DevLoginRequest) => request<AuthResponse>('POST', '/auth/dev-login', { body })

export const wechatLogin = (code: string) => request<AuthResponse>('POST', '/auth/wechat-login', { body: { code } })

export const getMe = () => request<User>('GET', '/me')

export const listDevUsers = () => request<{ users: User[] }>('GET', '/dev/users')

export const listPickupPoints = (where?: LatLng | null) => request<PickupPointListResponse>('GET', '/pickup-points', { query: at(where) })

/** One page of open deals (DEALS_PAGE_SIZE unless asked), nearest first when located; `offset` for the next. */
export const DEALS_PAGE_SIZE = 20
export const listDeals = (where?: LatLng | null, offset = 0, search: DealSearch = {}) =>
  request<DealListResponse>('GET', '/deals', {
    query: {
      ...at(where),
      ...(offset > 0 ? { offset } : {}),
      ...(search.q ? { q: search.q } : {}),
      ...(search.category ? { category: search.category } : {}),
    },
  })

/** what home narrows the list to: words typed (trimmed, sent only when there are some) and a category. */
export interface DealSearch {
  q?: string
  category?: string
}

/** the categories of open deals with their counts, for the chips on home. */
export const listDealCategories = () => request<DealCategoriesResponse>('GET', '/deals/categories')

export const getDeal = (id: string, opts: { invite?: string; where?: LatLng | null } = {}) =>
  request<DealResponse>('GET', `/deals/${encodeURIComponent(id)}`, {
    query: { invite: opts.invite, ...at(opts.where) },
  })

export const createOrder = (dealId: string, body: CreateOrderRequest, idempotencyKey: string) =>
  request<CreateOrderResponse>('POST', `/deals/${encodeURIComponent(dealId)}/orders`, {
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  })

/** Sandbox: the order comes back paid. WeChat Pay: still pending, with the JSAPI params to pay with. */
export const payOrder = (id: string) => request<CreateOrderResponse>('POST', `/orders/${encodeURIComponent(id)}/pay`)

export const cancelOrder = (id: string) => request<{ order: Order }>('POST', `/orders/${encodeURIComponent(id)}/cancel`)

export const listMyOrders = () => request<{ orders: Order[] }>('GET', '/me/orders')

export const getOrder = (id: string) => request<{ order: Order }>('GET', `/orders/${encodeURIComponent(id)}`)

export const createInvite = (dealId: string) => request<InviteResponse>('POST', `/deals/${encodeURIComponent(dealId)}/invites`)

export const listMyInvites = () => request<{ invites: InviteSummary[] }>('GET', '/me/invites')

/** Which subscription-message template ids to ask consent for (kind -> id; empty when none are set up). */
export const getNotificationTemplates = () => request<NotificationTemplatesResponse>('GET', '/notifications/templates')

/** The templates the shopper accepted in Taro.requestSubscribeMessage. */
export const postSubscriptions = (body: SubscriptionsRequest) => request<{ accepted: number }>('POST', '/me/subscriptions', { body })

export const listMyMessages = () => request<MessagesResponse>('GET', '/me/messages')

/** Marks every message read; answers the list as it now is. */
export const markMessagesRead = () => request<MessagesResponse>('POST', '/me/messages/read')

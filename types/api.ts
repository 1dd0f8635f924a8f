/**
 * The API contract shared by the app and the server (HTTP JSON under /api/v1).
 * Amounts are integer fen (`...Fen`), instants are ISO-8601 UTC strings, ids are strings.
 * Keep paths and field names stable: see ../shared/DESIGN.md.
 *
 * The shapes are TypeBox schemas in ./contract (the server validates, serialises and documents with
 * them); here they are types only (`import type`, erased), so the app bundles no TypeBox. The
 * statuses are plain values from ./contract/statuses.
 */
import type { Static } from 'typebox'
import type * as C from './contract'

export { DealStatus, OrderStatus, TierBasis, Role, LeaderApplicationStatus, MessageKind, RefundReason, PaymentProvider } from './contract/statuses'

export type Tier = Static<typeof C.Tier>
export type NextTier = Static<typeof C.NextTier>
/** 4xx/5xx: `{ error: { code, message } }` */
export type ApiError = Static<typeof C.ApiError>

export type User = Static<typeof C.User>
export type AuthResponse = Static<typeof C.AuthResponse>
export type DevLoginRequest = Static<typeof C.DevLoginRequest>

export type PickupPoint = Static<typeof C.PickupPoint>
export type PickupPointInput = Static<typeof C.PickupPointInput>
export type PickupPointListResponse = Static<typeof C.PickupPointListResponse>

export type Product = Static<typeof C.Product>
export type DealSummary = Static<typeof C.DealSummary>
export type DealDetail = Static<typeof C.DealDetail>
export type LiveDeal = Static<typeof C.LiveDeal>
export type LiveFrame = Static<typeof C.LiveFrame>
export type LiveDealResponse = Static<typeof C.LiveDealResponse>
export type DealListResponse = Static<typeof C.DealListResponse>
// category chips on home
export type DealCategory = Static<typeof C.DealCategory>
export type DealCategoriesResponse = Static<typeof C.DealCategoriesResponse>
export type DealResponse = Static<typeof C.DealResponse>
export type DealInput = Static<typeof C.DealInput>
/** An edit of a draft: any part, the product's fields one by one too. */
export type DealPatch = Static<typeof C.DealPatch>

export type CreateOrderRequest = Static<typeof C.CreateOrderRequest>
export type Order = Static<typeof C.Order>
export type Refund = Static<typeof C.Refund>
export type PaymentInstruction = Static<typeof C.PaymentInstruction>
export type CreateOrderResponse = Static<typeof C.CreateOrderResponse>
export type InviteResponse = Static<typeof C.InviteResponse>

/** `POST /leader-applications`: a neighbour asks to become a leader, with their first pickup point. */
export type LeaderApplicationInput = Static<typeof C.LeaderApplicationInput>
export type LeaderApplication = Static<typeof C.LeaderApplication>

/** `POST /uploads` (multipart, one image, leaders only) -> where it is served. */
export type UploadResponse = Static<typeof C.UploadResponse>

/** What a message is about, so the app can say it in the reader's language; null on old messages. */
export type MessageFacts = Static<typeof C.MessageFacts>
/** `GET /me/messages` (newest first) and `POST /me/messages/read` (mark all read). */
export type Message = Static<typeof C.Message>
export type MessagesResponse = Static<typeof C.MessagesResponse>

/**
 * `GET /notifications/templates` -> the subscription-message template id per kind (only those the
 * server is configured with) to pass to Taro.requestSubscribeMessage on the join tap;
 * `POST /me/subscriptions` `{ templateIds (the accepted ones, 1-3), dealId? }` -> `{ accepted }`.
 */
export type NotificationTemplatesResponse = Static<typeof C.NotificationTemplatesResponse>
export type SubscriptionsRequest = Static<typeof C.SubscriptionsRequest>

// Leader console responses

/** One order as the leader sees it: the shopper's name masked. */
export type LeaderOrder = Static<typeof C.LeaderOrder>
export type ArrivalResult = Static<typeof C.ArrivalResult>
/** `GET /leader/picking-list?date=`: what to hand out on that day, per pickup point. */
export type PickingList = Static<typeof C.PickingList>
export type PickingPoint = Static<typeof C.PickingPoint>
/** The order a pickup code belongs to (picked up once verified). */
export type VerifiedPickup = Static<typeof C.VerifiedPickup>
export type EarningsDeal = Static<typeof C.EarningsDeal>
/** Commission per calendar week (starting Monday) or month in Shanghai time. */
export type EarningsPeriod = Static<typeof C.EarningsPeriod>
export type Earnings = Static<typeof C.Earnings>

// no-shows, proxy pickup (代取), pickup staff (核销员)
export { CollectedBy, DelegationStatus } from './contract/statuses'
export type UnclaimedOrder = Static<typeof C.UnclaimedOrder>
export type UnclaimedActionResponse = Static<typeof C.UnclaimedActionResponse>
export type OwnerDelegation = Static<typeof C.OwnerDelegation>
export type DelegationView = Static<typeof C.DelegationView>
export type StaffInviteResponse = Static<typeof C.StaffInviteResponse>
export type StaffInviteView = Static<typeof C.StaffInviteView>
export type StaffMember = Static<typeof C.StaffMember>
export type MyCounters = Static<typeof C.MyCountersResponse>

// the order's timeline (GET /orders/:id), the mini-program code poster
export { TimelineKind, RefundStatus } from './contract/statuses'
export type TimelineEntry = Static<typeof C.TimelineEntry>
/** `GET /wxacode/scenes/:scene`: the deal and invite a mini-program code was made for. */
export type SceneResponse = Static<typeof C.SceneResponse>

// after-sales requests (售后, refund only)
export { AfterSalesStatus, AfterSalesReason, AfterSalesDecision, AfterSalesStep } from './contract/statuses'
export type CreateAfterSalesRequest = Static<typeof C.CreateAfterSalesRequest>
export type AfterSalesView = Static<typeof C.AfterSalesView>
export type AfterSalesTimelineStep = Static<typeof C.AfterSalesTimelineStep>
export type OrderAfterSalesResponse = Static<typeof C.OrderAfterSalesResponse>
export type StaffArrivals = Static<typeof C.StaffArrivalsResponse>

// several deals checked out together, paid in one transaction
export type BasketItemInput = Static<typeof C.BasketItemInput>
export type BasketCheckoutRequest = Static<typeof C.BasketCheckoutRequest>
export type Basket = Static<typeof C.Basket>
export type BasketRemoved = Static<typeof C.BasketRemoved>
export type BasketResponse = Static<typeof C.BasketResponse>
export type BasketPayResponse = Static<typeof C.BasketPayResponse>

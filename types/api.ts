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

// the operator console (admin)
export type AdminOverview = Static<typeof C.AdminOverview>
export type AdminDayFigures = Static<typeof C.AdminDayFigures>
export type AdminSellerFigures = Static<typeof C.AdminSellerFigures>
export type AdminDeal = Static<typeof C.AdminDeal>
export type AdminDealListResponse = Static<typeof C.AdminDealListResponse>
export type AdminDealDetail = Static<typeof C.AdminDealDetail>
export type AdminDealEvent = Static<typeof C.AdminDealEvent>
export type AdminOrder = Static<typeof C.AdminOrder>
export type AdminOrderListResponse = Static<typeof C.AdminOrderListResponse>
export type AdminRefund = Static<typeof C.AdminRefund>
export type AdminRefundListResponse = Static<typeof C.AdminRefundListResponse>
export type AdminPerson = Static<typeof C.AdminPerson>
export type AdminPeopleResponse = Static<typeof C.AdminPeopleResponse>
export type AdminAuditEntry = Static<typeof C.AdminAuditEntry>
export type AdminAuditResponse = Static<typeof C.AdminAuditResponse>

// suppliers (供货商) and help-selling (帮卖)
export { SupplierStatus, SUPPLIER_COMMISSION_MAX_BPS } from './contract/statuses'
export type SupplierApplicationInput = Static<typeof C.SupplierApplicationInput>
export type SupplierProfilePatch = Static<typeof C.SupplierProfilePatch>
export type Supplier = Static<typeof C.Supplier>
export type SupplierDealInput = Static<typeof C.SupplierDealInput>
export type SupplierDealPatch = Static<typeof C.SupplierDealPatch>
export type SupplierDealPoint = Static<typeof C.SupplierDealPoint>
export type SupplierDealSummary = Static<typeof C.SupplierDealSummary>
export type SupplierDeal = Static<typeof C.SupplierDeal>
export type HelpSellingPoint = Static<typeof C.HelpSellingPoint>
export type LeaderSupplierDeal = Static<typeof C.LeaderSupplierDeal>
export type LeaderDealListResponse = Static<typeof C.LeaderDealListResponse>

// after cutoff: purchase orders, packing lists, the route, deliveries and receipts (shortages refunded)
export type PurchaseOrderLine = Static<typeof C.PurchaseOrderLine>
export type PurchaseOrder = Static<typeof C.PurchaseOrder>
export type PackingProduct = Static<typeof C.PackingProduct>
export type PackingPoint = Static<typeof C.PackingPoint>
export type PackingList = Static<typeof C.PackingList>
export type RouteStop = Static<typeof C.RouteStop>
export type DeliveryRoute = Static<typeof C.DeliveryRoute>
export type DeliveryRequest = Static<typeof C.DeliveryRequest>
export type Delivery = Static<typeof C.Delivery>
export type DeliveryResponse = Static<typeof C.DeliveryResponse>
export type ReceiptInput = Static<typeof C.ReceiptInput>
export type Receipt = Static<typeof C.Receipt>
export type ReceiptResponse = Static<typeof C.ReceiptResponse>
export type ReceiptTask = Static<typeof C.ReceiptTask>
export type LeaderReceiptsResponse = Static<typeof C.LeaderReceiptsResponse>
export type OwedDeal = Static<typeof C.OwedDeal>
export type SupplierOwed = Static<typeof C.SupplierOwed>

// the ledger (one entry on one account, a balance)
export { LedgerKind, LedgerAccountKind } from './contract/statuses'
export type LedgerEntry = Static<typeof C.LedgerEntry>
export type LedgerBalance = Static<typeof C.LedgerBalance>

// payouts (提现) and wallets
export { PayoutStatus } from './contract/statuses'
export type PayoutOwnerKind = C.PayoutOwnerKind
export type PayoutRefusal = C.PayoutRefusal
export type Payout = Static<typeof C.Payout>
export type MerchantTransferConfirm = Static<typeof C.MerchantTransferConfirm>
export type WalletEntry = Static<typeof C.WalletEntry>
export type Wallet = Static<typeof C.Wallet>
export type PayoutRequest = Static<typeof C.PayoutRequest>
export type PayoutResponse = Static<typeof C.PayoutResponse>
export type RefusePayoutRequest = Static<typeof C.RefusePayoutRequest>
export type AdminPayout = Static<typeof C.AdminPayout>
export type AdminPayoutListQuery = Static<typeof C.AdminPayoutListQuery>
export type AdminPayoutList = Static<typeof C.AdminPayoutList>

// reconciliation (对账) and the console's alerts
export type ReconciliationSubject = C.ReconciliationSubject
export type ReconciliationCode = C.ReconciliationCode
export type AlertKind = C.AlertKind
export type ReconciliationDifference = Static<typeof C.ReconciliationDifference>
export type ReconciliationStatement = Static<typeof C.ReconciliationStatement>
export type ReconciliationReport = Static<typeof C.ReconciliationReport>
export type ReconciliationRunRequest = Static<typeof C.ReconciliationRunRequest>
export type ReconciliationDay = Static<typeof C.ReconciliationDay>
export type ReconciliationDaysResponse = Static<typeof C.ReconciliationDaysResponse>
export type Alert = Static<typeof C.Alert>
export type AlertsResponse = Static<typeof C.AlertsResponse>

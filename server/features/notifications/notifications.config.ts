/** What shoppers are told about, in the app and (with their consent) as WeChat subscription messages. */
export const NotificationKind = {
  dealSucceeded: 'deal_succeeded',
  dealFailed: 'deal_failed',
  goodsArrived: 'goods_arrived',
  pickupReminder: 'pickup_reminder',
  graceReminder: 'pickup_grace_reminder',
  orderUnclaimed: 'order_unclaimed',
  // each step of a request
  afterSalesRequested: 'after_sales_requested',
  afterSalesApproved: 'after_sales_approved',
  afterSalesRefused: 'after_sales_refused',
  afterSalesEscalated: 'after_sales_escalated',
  afterSalesDecided: 'after_sales_decided',
} as const
export type NotificationKind = (typeof NotificationKind)[keyof typeof NotificationKind]

export interface NotificationConfig {
  /** subscription-message template id per kind (from the mini-program console); unset: in-app only */
  templates: Partial<Record<NotificationKind, string>>
  /** remind shoppers who have not picked up this long before the pickup window closes */
  reminderMinutes: number
}

export class NotificationConfigError extends Error {}

const ENV: Record<NotificationKind, string> = {
  deal_succeeded: 'WECHAT_TEMPLATE_DEAL_SUCCEEDED',
  deal_failed: 'WECHAT_TEMPLATE_DEAL_FAILED',
  goods_arrived: 'WECHAT_TEMPLATE_GOODS_ARRIVED',
  pickup_reminder: 'WECHAT_TEMPLATE_PICKUP_REMINDER',
  pickup_grace_reminder: 'WECHAT_TEMPLATE_PICKUP_GRACE_REMINDER',
  order_unclaimed: 'WECHAT_TEMPLATE_ORDER_UNCLAIMED',
  after_sales_requested: 'WECHAT_TEMPLATE_AFTER_SALES_REQUESTED',
  after_sales_approved: 'WECHAT_TEMPLATE_AFTER_SALES_APPROVED',
  after_sales_refused: 'WECHAT_TEMPLATE_AFTER_SALES_REFUSED',
  after_sales_escalated: 'WECHAT_TEMPLATE_AFTER_SALES_ESCALATED',
  after_sales_decided: 'WECHAT_TEMPLATE_AFTER_SALES_DECIDED',
}

export function loadNotificationConfig(env: Record<string, string | undefined>): NotificationConfig {
  const templates: NotificationConfig['templates'] = {}
  for (const [kind, name] of Object.entries(ENV) as [NotificationKind, string][]) {
    const id = env[name]
    if (!id) continue
    if (!/^[A-Za-z0-9_-]{8,128}$/.test(id)) throw new NotificationConfigError(`${name} must be a subscription-message template id, got "${id}"`)
    templates[kind] = id
  }
  const raw = env.PICKUP_REMINDER_MINUTES
  const reminderMinutes = raw ? Number(raw) : 120
  if (!Number.isFinite(reminderMinutes) || reminderMinutes <= 0) {
    throw new NotificationConfigError(`PICKUP_REMINDER_MINUTES must be a positive number, got "${raw}"`)
  }
  return { templates, reminderMinutes }
}

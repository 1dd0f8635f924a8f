import { Type } from 'typebox'
import { IdInput, Instant, Nullable, StringEnum } from './kit'
import { MessageKind } from './statuses'

/**
 * What a message is about, so the app can say it in the reader's language (the title and body are
 * the server's Chinese). Null on messages written before facts were kept.
 */
export const MessageFacts = Type.Object({
  deal: Type.String({ description: "the deal's title" }),
  point: Type.String({ description: "the order's pickup point" }),
  amountFen: Nullable(Type.Integer(), { description: '成团: what the order finally costs; 未成团/取消: what is refunded' }),
  refundFen: Nullable(Type.Integer(), { description: '成团: the price difference refunded (0 when none)' }),
  pickupStart: Nullable(Type.String()),
  pickupEnd: Nullable(Type.String()),
  reason: Type.Unsafe<'deal_failed' | 'deal_cancelled' | null>({
    type: ['string', 'null'],
    enum: ['deal_failed', 'deal_cancelled', null],
    description: "why a deal's orders were refunded",
  }),
  // the admin's own words refusing a leader application (shown as written, in any language)
  note: Type.Optional(Type.String({ description: "a refused leader application: the admin's reason" })),
})

export const Message = Type.Object({
  id: Type.String(),
  kind: StringEnum(MessageKind),
  facts: Nullable(MessageFacts),
  title: Type.String(),
  body: Type.String(),
  dealId: Nullable(Type.String()),
  orderId: Nullable(Type.String()),
  createdAt: Instant(),
  read: Type.Boolean(),
})

/** `GET /me/messages` (newest first) and `POST /me/messages/read` (mark all read). */
export const MessagesResponse = Type.Object({ messages: Type.Array(Message), unread: Type.Integer() })

/** The subscription-message template id per kind (only those the server is configured with). */
export const NotificationTemplatesResponse = Type.Object({
  templates: Type.Unsafe<Partial<Record<MessageKind, string>>>(
    Type.Object(Object.fromEntries(Object.values(MessageKind).map((kind) => [kind, Type.Optional(Type.String())]))),
  ),
})

export const SubscriptionsRequest = Type.Object(
  {
    // Taro.requestSubscribeMessage asks for at most 3 one-time templates at a time
    templateIds: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { minItems: 1, maxItems: 3 }),
    dealId: Type.Optional(IdInput),
  },
  { additionalProperties: false },
)

export const SubscriptionsResponse = Type.Object({ accepted: Type.Integer({ description: 'consents recorded' }) })

import Taro from '@tarojs/taro'
import { create } from 'zustand'
import { getNotificationTemplates, postSubscriptions } from '@/api'
import { asksSubscriptionConsent } from '@/platform'
import { MessageKind } from '../../types/api'

/**
 * WeChat asks about at most three one-time templates at a time: at a join, the ones a shopper cares
 * most about then; asking for a refund, what the leader (or the operator) answers.
 */
export const JOIN_KINDS: MessageKind[] = [MessageKind.dealSucceeded, MessageKind.goodsArrived, MessageKind.dealFailed, MessageKind.pickupReminder]
export const AFTER_SALES_KINDS: MessageKind[] = [MessageKind.afterSalesApproved, MessageKind.afterSalesRefused, MessageKind.afterSalesDecided]

interface SubscriptionsState {
  /** the template of each kind the server sends; null until it has answered */
  templates: Partial<Record<MessageKind, string>> | null
  /** the join's three (JOIN_KINDS, in order), null until the server has answered */
  templateIds: string[] | null
  loading: boolean
  /** fetch the template ids once (WeChat only); a failure leaves them null for a later try */
  load: () => Promise<void>
  reset: () => void
}

export const useSubscriptions = create<SubscriptionsState>()((set, get) => ({
  templates: null,
  templateIds: null,
  loading: false,
  load: async () => {
    if (!asksSubscriptionConsent || get().templateIds !== null || get().loading) return
    set({ loading: true })
    try {
      const { templates } = await getNotificationTemplates()
      set({ templates, templateIds: idsFor(templates, JOIN_KINDS) })
    } catch {
      // no consent prompt this time; joining never waits for it
    } finally {
      set({ loading: false })
    }
  },
  reset: () => set({ templates: null, templateIds: null, loading: false }),
}))

function idsFor(templates: Partial<Record<MessageKind, string>>, kinds: MessageKind[]): string[] {
  const ids = kinds.map((kind) => templates[kind]).filter((id): id is string => !!id)
  return [...new Set(ids)].slice(0, 3)
}

/**
 * Ask for subscription-message consent. Call it synchronously at the top of a tap handler (WeChat
 * only opens the prompt from a user tap), never await it: a refusal or a failure never blocks a join.
 */
export function askSubscriptionConsent(dealId?: string, kinds: MessageKind[] = JOIN_KINDS): void {
  if (!asksSubscriptionConsent) return
  const { templates } = useSubscriptions.getState()
  const tmplIds = templates ? idsFor(templates, kinds) : null
  if (!tmplIds || tmplIds.length === 0) return
  let asked: Promise<Record<string, unknown>>
  try {
    asked = Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option) as unknown as Promise<Record<string, unknown>>
  } catch {
    return
  }
  void Promise.resolve(asked)
    .then((answer) => {
      const accepted = tmplIds.filter((id) => answer?.[id] === 'accept')
      if (accepted.length > 0) return postSubscriptions({ templateIds: accepted, ...(dealId ? { dealId } : {}) })
    })
    .catch(() => undefined)
}

import Taro from '@tarojs/taro'
import { create } from 'zustand'
import { getNotificationTemplates, postSubscriptions } from '@/api'
import { asksSubscriptionConsent } from '@/platform'
import { MessageKind } from '../../types/api'

/** WeChat asks about at most three one-time templates at a time: the ones a shopper cares most about. */
const ASK_ORDER: MessageKind[] = [MessageKind.dealSucceeded, MessageKind.goodsArrived, MessageKind.dealFailed, MessageKind.pickupReminder]

interface SubscriptionsState {
  /** null until the server has answered */
  templateIds: string[] | null
  loading: boolean
  /** fetch the template ids once (WeChat only); a failure leaves them null for a later try */
  load: () => Promise<void>
  reset: () => void
}

export const useSubscriptions = create<SubscriptionsState>()((set, get) => ({
  templateIds: null,
  loading: false,
  load: async () => {
    if (!asksSubscriptionConsent || get().templateIds !== null || get().loading) return
    set({ loading: true })
    try {
      const { templates } = await getNotificationTemplates()
      const ids = ASK_ORDER.map((kind) => templates[kind]).filter((id): id is string => !!id)
      set({ templateIds: [...new Set(ids)].slice(0, 3) })
    } catch {
      // no consent prompt this time; joining never waits for it
    } finally {
      set({ loading: false })
    }
  },
  reset: () => set({ templateIds: null, loading: false }),
}))

/**
 * Ask for subscription-message consent. Call it synchronously at the top of a tap handler (WeChat
 * only opens the prompt from a user tap), never await it: a refusal or a failure never blocks a join.
 */
export function askSubscriptionConsent(dealId?: string): void {
  if (!asksSubscriptionConsent) return
  const tmplIds = useSubscriptions.getState().templateIds
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

import { useState } from 'react'
import Taro from '@tarojs/taro'
import { showModal } from '@/i18n'
import { lt } from '@/i18n/leader'
import { useSubmit } from './use-submit'

interface DraftApi<I> {
  create: (input: I) => Promise<{ deal: { id: string } }>
  update: (id: string, input: I) => Promise<{ deal: { id: string } }>
  publish: (id: string) => Promise<unknown>
  /** what the confirmation says before the deal goes out */
  publishBody: (input: I) => string
  /** the page a published deal opens on */
  dealUrl: (id: string) => string
}

/**
 * What both consoles' deal editors do around their form: keep the draft's id, show the red notes
 * once the form has been tried, save it as a draft, and publish it after a confirmation.
 * `check` is the form as read now (null while it loads).
 */
export function useDealDraft<I, E>(initialId: string | null, check: { input: I | null; errors: E } | null, api: DraftApi<I>) {
  const [dealId, setDealId] = useState(initialId)
  const [tried, setTried] = useState(false)
  const { busy, message, run } = useSubmit()

  const errors: Partial<E> = tried && check ? check.errors : {}

  /** The form as it stands, or null after pointing at the red notes. */
  const ready = (): I | null => {
    setTried(true)
    return check?.input ?? null
  }
  // worked out from the form as it stands, so it goes the moment the last red note is fixed;
  // otherwise the last try's refusal from the server
  const notice = tried && !check?.input ? lt('edit.incomplete') : message

  /** Saves the form as a draft (creating it the first time); the deal's id. */
  const save = async (input: I): Promise<string> => {
    const { deal } = dealId ? await api.update(dealId, input) : await api.create(input)
    setDealId(deal.id)
    return deal.id
  }

  const saveDraft = async () => {
    const input = ready()
    if (input) await run(() => save(input), { done: lt('edit.draftSaved') })
  }

  const publish = async () => {
    const input = ready()
    if (!input) return
    const { confirm } = await showModal({ title: lt('edit.publishTitle'), content: api.publishBody(input), confirmText: lt('edit.publish') })
    if (!confirm) return
    // saved first, so a refused publish leaves the draft saved with its id
    const published = await run(
      async () => {
        const id = await save(input)
        await api.publish(id)
        return id
      },
      { done: lt('edit.published') },
    )
    if (published) void Taro.redirectTo({ url: api.dealUrl(published.value) })
  }

  return { dealId, busy, errors, notice, ready, saveDraft, publish }
}

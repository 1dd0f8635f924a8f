import { DealDisplay, formatFen, type DealView } from '@/domain'
import { t } from '@/i18n'

/**
 * The words for a deal's display state (src/domain/deal-display.ts), shared by the home card, the
 * deal page and the join sheet, so each state reads the same everywhere.
 */

type Ended = Exclude<DealDisplay, 'joinable'>

/** The card's call to action: "去拼团" while joinable, else the state ("已售罄", "已取消" ...). */
export const cardActionText = (code: DealDisplay): string => t(`display.card.${code}`)

/** What the progress line says instead of the next tier once the deal cannot be joined; null while joinable. */
export function progressNoteText(code: DealDisplay, priceFen: number): string | null {
  if (code === DealDisplay.joinable) return null
  return t(`display.bar.${code as Ended}`, { price: formatFen(priceFen) })
}

/** The deal page's banner for a deal that cannot be joined; `mine`: the reader holds units of it. */
export function bannerText(view: DealView, priceFen: number): string | null {
  if (view.code === DealDisplay.joinable) return null
  if (view.code === DealDisplay.soldOut && view.viewer === 'joined') return t('display.banner.sold_out_mine')
  return t(`display.banner.${view.code as Ended}`, { price: formatFen(priceFen) })
}

/** The deal page's main button when it is not "join": the state in a few words (it must fit). */
export const endedButtonText = (code: DealDisplay): string => (code === DealDisplay.joinable ? '' : t(`display.button.${code as Ended}`))

/** The tone a state is drawn in: open and good news green, waiting orange, money back red-grey. */
export function displayTone(code: DealDisplay): 'ok' | 'warn' | 'bad' | 'off' {
  if (code === DealDisplay.joinable || code === DealDisplay.succeeded) return 'ok'
  if (code === DealDisplay.soldOut || code === DealDisplay.closedPendingSettlement) return 'warn'
  if (code === DealDisplay.failed || code === DealDisplay.cancelled) return 'bad'
  return 'off'
}

/** A deal's state as a badge reads (the leader console's lists and dashboard): its status, or sold out / closed. */
export const dealStateText = (code: DealDisplay): string =>
  code === DealDisplay.joinable ? t('dealStatus.open') : code === DealDisplay.draft ? t('dealStatus.draft') : t(`display.card.${code}`)

import type { AdminPayout } from '../../../types/api'
import { formatShanghai } from '../../../src/domain'
import { adminEn } from '../../../src/i18n/admin/en'
import { adminZhCN, type AdminKey } from '../../../src/i18n/admin/zh-CN'
import { toCsv, yuan, type CsvLang } from '../admin/admin-csv'

/** `GET /admin/payouts?format=csv`: the console's payout list for a spreadsheet, in the console's words. */
export function payoutsCsv(payouts: AdminPayout[], lang: CsvLang): string {
  const w = (key: AdminKey) => (lang === 'en' ? adminEn : adminZhCN)[key] ?? adminZhCN[key]
  const time = (iso: string | null) => (iso ? formatShanghai(iso, 'YYYY-MM-DD HH:mm') : '')
  return toCsv(
    [
      w('csv.id'),
      w('csv.nickname'),
      w('payouts.status'),
      w('csv.amount'),
      w('csv.status'),
      w('csv.created'),
      w('csv.time'),
      w('csv.reason'),
      w('csv.attempts'),
      w('csv.lastError'),
    ],
    payouts.map((p) => [
      p.billNo,
      `${w(`payouts.owner.${p.ownerKind}`)} ${p.owner.name}`,
      w(`payouts.status.${p.status}`),
      yuan(p.amountFen),
      p.providerState,
      time(p.requestedAt),
      time(p.finishedAt),
      p.refuseReason ?? p.failReason,
      p.attempts,
      p.lastError,
    ]),
  )
}

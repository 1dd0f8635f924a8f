import { useRef, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { ApiError, newIdempotencyKey } from '@/api'
import { askPayout, confirmPayout, getWallet, type Payout, type Wallet, type WalletEntry } from '@/api/leader'
import { RemoteState } from '@/components/page-state'
import { formatFen, parseYuan } from '@/domain'
import { capLeftFen, maxPayoutFen, payoutRefusal } from '@/domain/payouts'
import { useRemote } from '@/hooks/use-remote'
import { dateTimeLabel } from '@/i18n'
import { useLeaderT, useLeaderTitle, type LeaderKey } from '@/i18n/leader'
import { Field, FieldError } from '../../components/form'
import { confirmTransfer, confirmsInApp } from './merchant-transfer'
import '../../components/console.scss'
import './index.scss'

type Owner = 'leader' | 'supplier'

/** Fen as the yuan a person types: 8640 -> "86.40". */
const yuanText = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`

const REFUSAL_CODES = ['PAYOUT_BELOW_MINIMUM', 'PAYOUT_OVER_BALANCE', 'PAYOUT_DAILY_CAP', 'ACCOUNT_SUSPENDED'] as const
type RefusalCode = (typeof REFUSAL_CODES)[number]

const ENTRY_WORDS: Partial<Record<WalletEntry['kind'], LeaderKey>> = {
  commission: 'wallet.entry.commission',
  commission_reversal: 'wallet.entry.commission_reversal',
  supplier_payable: 'wallet.entry.supplier_payable',
  payout_requested: 'wallet.entry.payout_requested',
  payout_returned: 'wallet.entry.payout_returned',
}

const BADGES: Record<Payout['status'], string> = {
  requested: 'lc-badge--draft',
  sending: 'lc-badge--succeeded',
  wait_user_confirm: 'lc-badge--draft',
  transferring: 'lc-badge--succeeded',
  succeeded: 'lc-badge--open',
  refused: 'lc-badge--bad',
  failed: 'lc-badge--bad',
  cancelled: 'lc-badge--bad',
}

/**
 * A refusal in the wallet's words, with the amount that matters: the server's own figure when it
 * refused (the balance may have moved since the page loaded), else the wallet's (the same rules).
 */
function refusalText(t: ReturnType<typeof useLeaderT>, code: RefusalCode, w: Wallet, server: Record<string, unknown> = {}): string {
  const figure = (name: string, fallback: number) => (typeof server[name] === 'number' ? (server[name] as number) : fallback)
  const amount = {
    PAYOUT_BELOW_MINIMUM: figure('minFen', w.minPayoutFen),
    PAYOUT_OVER_BALANCE: figure('withdrawableFen', Math.max(0, w.withdrawableFen)),
    PAYOUT_DAILY_CAP: figure('capLeftFen', capLeftFen(w.dailyCapFen, w.todayRequestedFen)),
    ACCOUNT_SUSPENDED: 0,
  }[code]
  return t(`wallet.refusal.${code}`, { amount: formatFen(amount) })
}

function Stat({ label, fen }: { label: string; fen: number }) {
  return (
    <View className='wallet__stat'>
      <Text className='wallet__stat-value'>{formatFen(fen)}</Text>
      <Text className='wallet__stat-label'>{label}</Text>
    </View>
  )
}

function WithdrawForm({ owner, wallet, onDone }: { owner: Owner; wallet: Wallet; onDone: () => Promise<void> }) {
  const t = useLeaderT()
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  // the same request keeps its key across a retry after a network failure; a new one once answered
  const key = useRef(newIdempotencyKey())
  const left = capLeftFen(wallet.dailyCapFen, wallet.todayRequestedFen)
  const most = maxPayoutFen(wallet.withdrawableFen, wallet.minPayoutFen, left)

  const submit = async () => {
    const amountFen = parseYuan(text)
    if (amountFen === null || amountFen <= 0) return setError(t('wallet.badAmount'))
    const refusal = payoutRefusal(amountFen, wallet.withdrawableFen, wallet.minPayoutFen, left, wallet.suspended)
    if (refusal) return setError(refusalText(t, refusal, wallet))
    setError(null)
    setBusy(true)
    try {
      await askPayout(owner, amountFen, key.current)
      key.current = newIdempotencyKey()
      setText('')
      void Taro.showToast({ title: t('wallet.asked'), icon: 'success' })
      await onDone()
    } catch (e) {
      if (e instanceof ApiError && e.status > 0) key.current = newIdempotencyKey()
      const code = e instanceof ApiError ? e.code : ''
      const refused = e instanceof ApiError && (REFUSAL_CODES as readonly string[]).includes(code)
      setError(refused ? refusalText(t, code as RefusalCode, wallet, e.params) : e instanceof ApiError ? e.message : t('common.failed'))
      // refused: the figures moved since the page loaded, show the new ones
      if (refused) void onDone()
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='lc-card' role='group' aria-label={t('wallet.withdraw')}>
      <Text className='lc-card__title'>{t('wallet.withdraw')}</Text>
      <Field
        label={t('wallet.amount')}
        hint={t('wallet.limits', { min: formatFen(wallet.minPayoutFen), cap: formatFen(wallet.dailyCapFen), left: formatFen(left) })}
      >
        <View className='wallet__amount-row'>
          <Input
            className={`lc-input wallet__amount ${error ? 'lc-input--bad' : ''}`}
            aria-label={t('wallet.amount')}
            type='digit'
            value={text}
            placeholder={most > 0 ? t('wallet.amountPlaceholder', { amount: formatFen(most) }) : t('wallet.nothing')}
            maxlength={10}
            onInput={(e) => {
              setText(e.detail.value)
              setError(null)
            }}
          />
          {/* nothing to fill in when nothing can be withdrawn */}
          {most > 0 && (
            <Button role='button' className='lc-btn lc-btn--small wallet__all' onClick={() => setText(yuanText(most))}>
              {t('wallet.all')}
            </Button>
          )}
        </View>
      </Field>
      <FieldError message={error} />
      <Button
        role='button'
        className='lc-btn lc-btn--primary wallet__submit'
        disabled={busy || wallet.suspended || most === 0 || undefined}
        onClick={() => void submit()}
      >
        {t('wallet.submit')}
      </Button>
    </View>
  )
}

function PayoutRow({ owner, payout, onChange }: { owner: Owner; payout: Payout; onChange: () => Promise<void> }) {
  const t = useLeaderT()
  const [busy, setBusy] = useState(false)
  const confirm = async () => {
    if (!payout.confirm) return
    setBusy(true)
    try {
      const answer = await confirmTransfer(payout.confirm)
      if (answer === 'confirmed') {
        await confirmPayout(owner, payout.id)
        void Taro.showToast({ title: t('wallet.confirmed'), icon: 'success' })
      } else if (answer === 'cancelled') {
        void Taro.showToast({ title: t('wallet.confirmCancelled'), icon: 'none' })
      }
      await onChange()
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.message : t('common.failed'), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }
  const returned = payout.status === 'refused' || payout.status === 'failed' || payout.status === 'cancelled'
  return (
    <View className='lc-list-item wallet__payout' role='group' aria-label={formatFen(payout.amountFen)}>
      <View className='lc-list-item__main'>
        <View className='wallet__payout-head'>
          <Text className='lc-list-item__title wallet__payout-amount'>{formatFen(payout.amountFen)}</Text>
          <Text className={`lc-badge ${BADGES[payout.status]}`}>{t(`wallet.status.${payout.status}`)}</Text>
        </View>
        <Text className='lc-list-item__sub'>{t('wallet.payoutLine', { time: dateTimeLabel(payout.requestedAt) })}</Text>
        {payout.status === 'succeeded' && payout.finishedAt && (
          <Text className='lc-list-item__sub'>{t('wallet.paidAt', { time: dateTimeLabel(payout.finishedAt) })}</Text>
        )}
        {payout.refuseReason && <Text className='lc-list-item__sub'>{t('wallet.refusedReason', { reason: payout.refuseReason })}</Text>}
        {returned && <Text className='lc-list-item__sub'>{t('wallet.returned')}</Text>}
        {payout.status === 'wait_user_confirm' &&
          (confirmsInApp && payout.confirm ? (
            <View className='wallet__confirm'>
              <Text className='lc-list-item__sub'>{t('wallet.confirmHint')}</Text>
              <Button role='button' className='lc-btn lc-btn--primary lc-btn--small' disabled={busy || undefined} onClick={() => void confirm()}>
                {t('wallet.confirm')}
              </Button>
            </View>
          ) : (
            <Text className='lc-notice wallet__confirm-h5'>{t('wallet.confirmInWechat')}</Text>
          ))}
      </View>
    </View>
  )
}

function EntryRow({ entry }: { entry: WalletEntry }) {
  const t = useLeaderT()
  const what = t(ENTRY_WORDS[entry.kind] ?? 'wallet.entry.other')
  return (
    <View className='lc-list-item'>
      <View className='lc-list-item__main'>
        <Text className='lc-list-item__title'>{entry.dealTitle ? `${what} · ${entry.dealTitle}` : what}</Text>
        <Text className='lc-list-item__sub'>{dateTimeLabel(entry.createdAt)}</Text>
        {entry.pending && entry.availableAt && (
          <Text className='lc-list-item__sub wallet__held'>{t('wallet.availableFrom', { time: dateTimeLabel(entry.availableAt) })}</Text>
        )}
      </View>
      <Text className={`wallet__entry-amount ${entry.amountFen < 0 ? 'wallet__entry-amount--out' : ''}`}>
        {entry.amountFen < 0 ? `-${formatFen(-entry.amountFen)}` : `+${formatFen(entry.amountFen)}`}
      </Text>
    </View>
  )
}

/** 钱包: what she holds (held, withdrawable, being paid, paid out), withdrawing, each withdrawal's state, every entry. */
export default function WalletPage() {
  const t = useLeaderT()
  const { params } = useRouter()
  const owner: Owner = params.owner === 'supplier' ? 'supplier' : 'leader'
  useLeaderTitle(owner === 'supplier' ? 'title.walletSupplier' : 'title.wallet')
  const data = useRemote(() => getWallet(owner), [owner])
  // back from WeChat's confirmation page, or after a while away: the latest state
  useDidShow(() => void data.reload())
  usePullDownRefresh(() => void data.reload().finally(() => Taro.stopPullDownRefresh()))

  if (!data.data)
    return (
      <View className='lc-page'>
        <RemoteState remote={data} count={2} />
      </View>
    )
  const w = data.data
  return (
    <View className='lc-page'>
      <View className='lc-card wallet__head'>
        <Text className='wallet__label'>{t('wallet.withdrawable')}</Text>
        <Text className='wallet__big'>{formatFen(Math.max(0, w.withdrawableFen))}</Text>
        <Text className='wallet__balance'>{t('wallet.balance', { amount: formatFen(w.balanceFen) })}</Text>
        <View className='wallet__stats'>
          <Stat label={t('wallet.pending')} fen={w.pendingFen} />
          <Stat label={t('wallet.inFlight')} fen={w.inFlightFen} />
          <Stat label={t('wallet.paidOut')} fen={w.paidOutFen} />
        </View>
        {w.pendingFen > 0 && <Text className='wallet__hint'>{t('wallet.pendingHint')}</Text>}
      </View>

      {w.suspended && (
        <View className='lc-notice lc-notice--bad' role='alert'>
          {t('wallet.suspended')}
        </View>
      )}
      {w.provider === 'sandbox' && <View className='lc-notice'>{t('wallet.sandbox')}</View>}

      <WithdrawForm owner={owner} wallet={w} onDone={data.reload} />

      <View className='lc-card' role='group' aria-label={t('wallet.payouts')}>
        <Text className='lc-card__title'>{t('wallet.payouts')}</Text>
        {w.payouts.length === 0 && <Text className='lc-muted wallet__empty'>{t('wallet.noPayouts')}</Text>}
        {w.payouts.map((p) => (
          <PayoutRow key={p.id} owner={owner} payout={p} onChange={data.reload} />
        ))}
      </View>

      <View className='lc-card' role='group' aria-label={t('wallet.entries')}>
        <Text className='lc-card__title'>{t('wallet.entries')}</Text>
        {w.entries.length === 0 && <Text className='lc-muted wallet__empty'>{t('wallet.noEntries')}</Text>}
        {w.entries.map((e) => (
          <EntryRow key={e.id} entry={e} />
        ))}
      </View>
    </View>
  )
}

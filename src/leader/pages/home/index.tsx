import type { ReactNode } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { listMyDeals, listMyPoints, myApplication } from '@/api/leader'
import { CountdownText } from '@/components/countdown-text'
import { SignInPrompt } from '@/components/sign-in-prompt'
import { useSignIn } from '@/components/sign-in'
import { ErrorState, LoadingCards, RemoteState } from '@/components/page-state'
import { dealDisplayCode, formatFen } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { useServerNow } from '@/hooks/use-server-now'
import { dealStateText } from '@/components/deal-card-state'
import { unitWord, useLeaderT, useLeaderTitle, type LeaderKey } from '@/i18n/leader'
import { dealBadge } from '../../lib/deal-status'
import { go, useLeader } from '../../lib/use-leader'
import '../../components/console.scss'
import './index.scss'

const ACTIONS: { page: string; icon: string; text: LeaderKey }[] = [
  { page: 'deal-edit', icon: '＋', text: 'home.action.create' },
  { page: 'verify', icon: '✓', text: 'home.action.verify' },
  { page: 'picking', icon: '≡', text: 'home.action.picking' },
  { page: 'earnings', icon: '¥', text: 'home.action.earnings' },
  { page: 'wallet', icon: '◎', text: 'home.action.wallet' }, // balance and withdrawals (提现)
  { page: 'staff', icon: '⚇', text: 'home.staff' }, // pickup staff
  { page: 'after-sales', icon: '↺', text: 'as.entry' }, // after-sales requests at my points
  { page: 'offers', icon: '⇄', text: 'home.action.offers' }, // supplier deals to help sell (帮卖)
  { page: 'receipts', icon: '▣', text: 'home.action.receipts' }, // suppliers' deliveries to receive
]

/** A list row that opens another console page. */
function LinkRow({ label, url, children }: { label: string; url: string; children: ReactNode }) {
  return (
    <View className='lc-list-item' role='link' aria-label={label} onClick={() => Taro.navigateTo({ url })}>
      {children}
    </View>
  )
}

function LeaderHome() {
  const t = useLeaderT()
  const deals = useRemote(() => listMyDeals(), [])
  const points = useRemote(() => listMyPoints(), [])
  const now = useServerNow(15_000)
  const reload = () => Promise.all([deals.reload(), points.reload()])
  useDidShow(() => void reload())
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()))

  return (
    <>
      <View className='lc-home__actions'>
        {ACTIONS.map((a) => (
          <View key={a.page} className='lc-home__action' role='link' onClick={() => Taro.navigateTo({ url: go(a.page) })}>
            <Text className='lc-home__action-icon'>{a.icon}</Text>
            <Text className='lc-home__action-text'>{t(a.text)}</Text>
          </View>
        ))}
      </View>

      <View className='lc-card'>
        <View className='lc-card__head'>
          <Text className='lc-card__title'>{t('home.myDeals')}</Text>
        </View>
        <RemoteState remote={deals} count={2} />
        {deals.data?.deals.length === 0 && <Text className='lc-muted'>{t('home.noDeals')}</Text>}
        {deals.data?.deals.map((d) => (
          <LinkRow key={d.id} label={d.title} url={go(d.status === 'draft' ? 'deal-edit' : 'deal', { id: d.id })}>
            <View className='lc-list-item__main'>
              <View className='lc-home__deal-title'>
                <Text className='lc-list-item__title lc-home__deal-name'>{d.title}</Text>
                <Text className={`lc-badge lc-home__deal-badge ${dealBadge(d.status)}`}>{dealStateText(dealDisplayCode(d, now))}</Text>
              </View>
              <Text className='lc-list-item__sub'>
                {t('home.dealLine', {
                  count: t(d.tierBasis === 'people' ? 'home.countPeople' : 'home.countUnits', { n: d.count }),
                  min: d.minToSucceed,
                  unit: unitWord(d.tierBasis, d.minToSucceed),
                  price: formatFen(d.currentUnitPriceFen),
                })}
              </Text>
              {d.status === 'open' && <CountdownText className='lc-list-item__sub' cutoffAt={d.cutoffAt} />}
            </View>
            <Text className='lc-chevron'>›</Text>
          </LinkRow>
        ))}
      </View>

      <View className='lc-card'>
        <View className='lc-card__head'>
          <Text className='lc-card__title'>{t('home.myPoints')}</Text>
          <View className='lc-card__link' role='link' onClick={() => Taro.navigateTo({ url: go('point') })}>
            {t('home.addPoint')}
          </View>
        </View>
        {points.error && !points.data && <ErrorState message={points.error.message} onRetry={() => void points.reload()} />}
        {points.data?.pickupPoints.length === 0 && <Text className='lc-muted'>{t('home.noPoints')}</Text>}
        {points.data?.pickupPoints.map((p) => (
          <LinkRow key={p.id} label={p.name} url={go('point', { id: p.id })}>
            <View className='lc-list-item__main'>
              <Text className='lc-list-item__title'>{p.name}</Text>
              <Text className='lc-list-item__sub'>
                {p.address} · {p.hours} · {p.contact}
              </Text>
            </View>
            <Text className='lc-chevron'>{t('home.edit')}</Text>
          </LinkRow>
        ))}
      </View>
    </>
  )
}

function NotYetLeader() {
  const t = useLeaderT()
  const application = useRemote(() => myApplication(), [])
  useDidShow(() => void application.reload())
  const app = application.data?.application
  return (
    <View className='lc-card lc-home__apply'>
      <Text className='lc-card__title'>{t('home.become')}</Text>
      <Text className='lc-muted lc-home__apply-text'>{t('home.becomeText')}</Text>
      {app?.status === 'pending' && <Text className='lc-notice'>{t('home.pending', { community: app.community, point: app.pickupPoint.name })}</Text>}
      {app?.status === 'rejected' && <Text className='lc-notice lc-notice--bad'>{t('home.rejected', { reason: app.rejectReason ?? '' })}</Text>}
      {app?.status !== 'pending' && (
        <Button role='button' className='lc-btn lc-btn--primary' onClick={() => Taro.navigateTo({ url: go('apply') })}>
          {t(app?.status === 'rejected' ? 'home.reapply' : 'home.apply')}
        </Button>
      )}
    </View>
  )
}

export default function LeaderHomePage() {
  const t = useLeaderT()
  useLeaderTitle('title.home')
  const { token, user, ready, isLeader, isAdmin } = useLeader()
  const { signIn, sheet } = useSignIn()

  if (!token) {
    return (
      <View className='lc-page'>
        <SignInPrompt text={t('home.signIn')} onSignIn={() => void signIn()} />
        {sheet}
      </View>
    )
  }

  return (
    <View className='lc-page'>
      <View className='lc-home__head'>
        <Text className='lc-home__name'>{user?.nickname}</Text>
        {isLeader && user?.commissionBps != null && (
          <Text className='lc-home__rate'>{t('home.rate', { rate: (user.commissionBps / 100).toFixed(user.commissionBps % 100 ? 1 : 0) })}</Text>
        )}
      </View>
      {isAdmin && (
        <View className='lc-card lc-list-item' role='link' onClick={() => Taro.navigateTo({ url: '/admin/pages/applications/index' })}>
          <Text className='lc-card__title'>{t('home.review')}</Text>
          <Text className='lc-chevron'>›</Text>
        </View>
      )}
      {!ready && !isLeader && <LoadingCards count={2} />}
      {ready && !isLeader && <NotYetLeader />}
      {isLeader && <LeaderHome />}
    </View>
  )
}

import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { listMyDeals, listMyPoints, myApplication } from '@/api/leader'
import { CountdownText } from '@/components/countdown-text'
import { SignInPrompt } from '@/components/sign-in-prompt'
import { useSignIn } from '@/components/sign-in'
import { ErrorState, LoadingCards } from '@/components/page-state'
import { formatFen } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { DEAL_STATUS_TEXT, dealBadge } from '../../lib/deal-status'
import { go, useLeader } from '../../lib/use-leader'
import '../../components/console.scss'
import './index.scss'

const ACTIONS = [
  { page: 'deal-edit', icon: '＋', text: '开团' },
  { page: 'verify', icon: '✓', text: '核销提货' },
  { page: 'picking', icon: '≡', text: '配货单' },
  { page: 'earnings', icon: '¥', text: '我的收益' },
]

function LeaderHome() {
  const deals = useRemote(() => listMyDeals(), [])
  const points = useRemote(() => listMyPoints(), [])
  const reload = () => Promise.all([deals.reload(), points.reload()])
  useDidShow(() => void reload())
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()))

  return (
    <>
      <View className='lc-home__actions'>
        {ACTIONS.map((a) => (
          <View
            key={a.page}
            className='lc-home__action'
            role='link'
            onClick={() => Taro.navigateTo({ url: go(a.page) })}
          >
            <Text className='lc-home__action-icon'>{a.icon}</Text>
            <Text className='lc-home__action-text'>{a.text}</Text>
          </View>
        ))}
      </View>

      <View className='lc-card'>
        <View className='lc-card__head'>
          <Text className='lc-card__title'>我的团购</Text>
        </View>
        {deals.error && !deals.data && <ErrorState message={deals.error.message} onRetry={() => void deals.reload()} />}
        {!deals.data && !deals.error && <LoadingCards count={2} />}
        {deals.data?.deals.length === 0 && <Text className='lc-muted'>还没有团购，点上方「开团」发起第一个</Text>}
        {deals.data?.deals.map((d) => (
          <View
            key={d.id}
            className='lc-list-item'
            role='link'
            aria-label={d.title}
            onClick={() => Taro.navigateTo({ url: go(d.status === 'draft' ? 'deal-edit' : 'deal', { id: d.id }) })}
          >
            <View className='lc-list-item__main'>
              <View className='lc-home__deal-title'>
                <Text className='lc-list-item__title'>{d.title}</Text>
                <Text className={`lc-badge ${dealBadge(d.status)}`}>{DEAL_STATUS_TEXT[d.status]}</Text>
              </View>
              <Text className='lc-list-item__sub'>
                {d.tierBasis === 'people' ? `${d.count}人已拼` : `${d.count}件已拼`} · 成团需{d.minToSucceed}
                {d.tierBasis === 'people' ? '人' : '件'} · 现价 {formatFen(d.currentUnitPriceFen)}
              </Text>
              {d.status === 'open' && <CountdownText className='lc-list-item__sub' cutoffAt={d.cutoffAt} />}
            </View>
            <Text className='lc-chevron'>›</Text>
          </View>
        ))}
      </View>

      <View className='lc-card'>
        <View className='lc-card__head'>
          <Text className='lc-card__title'>我的自提点</Text>
          <View className='lc-card__link' role='link' onClick={() => Taro.navigateTo({ url: go('point') })}>
            ＋ 添加
          </View>
        </View>
        {points.error && !points.data && <ErrorState message={points.error.message} onRetry={() => void points.reload()} />}
        {points.data?.pickupPoints.length === 0 && <Text className='lc-muted'>还没有自提点，先添加一个</Text>}
        {points.data?.pickupPoints.map((p) => (
          <View
            key={p.id}
            className='lc-list-item'
            role='link'
            aria-label={p.name}
            onClick={() => Taro.navigateTo({ url: go('point', { id: p.id }) })}
          >
            <View className='lc-list-item__main'>
              <Text className='lc-list-item__title'>{p.name}</Text>
              <Text className='lc-list-item__sub'>
                {p.address} · {p.hours} · {p.contact}
              </Text>
            </View>
            <Text className='lc-chevron'>编辑 ›</Text>
          </View>
        ))}
      </View>
    </>
  )
}

function NotYetLeader() {
  const application = useRemote(() => myApplication(), [])
  useDidShow(() => void application.reload())
  const app = application.data?.application
  return (
    <View className='lc-card lc-home__apply'>
      <Text className='lc-card__title'>成为团长</Text>
      <Text className='lc-muted lc-home__apply-text'>
        在小区开团、收货、给邻居分货，每一单提货都有佣金。需要一个方便邻居自提的地方（如便利店、家门口）。
      </Text>
      {app?.status === 'pending' && (
        <Text className='lc-notice'>你的申请已提交，正在审核（{app.community} · {app.pickupPoint.name}）</Text>
      )}
      {app?.status === 'rejected' && (
        <Text className='lc-notice lc-notice--bad'>上次申请未通过：{app.rejectReason}</Text>
      )}
      {app?.status !== 'pending' && (
        <Button role='button' className='lc-btn lc-btn--primary' onClick={() => Taro.navigateTo({ url: go('apply') })}>
          {app?.status === 'rejected' ? '重新申请' : '申请成为团长'}
        </Button>
      )}
    </View>
  )
}

export default function LeaderHomePage() {
  const { token, user, ready, isLeader, isAdmin } = useLeader()
  const { signIn, sheet } = useSignIn()

  if (!token) {
    return (
      <View className='lc-page'>
        <SignInPrompt text='登录后进入团长工作台' onSignIn={() => void signIn()} />
        {sheet}
      </View>
    )
  }

  return (
    <View className='lc-page'>
      <View className='lc-home__head'>
        <Text className='lc-home__name'>{user?.nickname}</Text>
        {isLeader && user?.commissionBps != null && (
          <Text className='lc-home__rate'>团长 · 佣金 {(user.commissionBps / 100).toFixed(user.commissionBps % 100 ? 1 : 0)}%</Text>
        )}
      </View>
      {isAdmin && (
        <View className='lc-card lc-list-item' role='link' onClick={() => Taro.navigateTo({ url: go('admin') })}>
          <Text className='lc-card__title'>审核团长申请</Text>
          <Text className='lc-chevron'>›</Text>
        </View>
      )}
      {!ready && !isLeader && <LoadingCards count={2} />}
      {ready && !isLeader && <NotYetLeader />}
      {isLeader && <LeaderHome />}
    </View>
  )
}

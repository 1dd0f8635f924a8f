import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { createPoint, listMyPoints, updatePoint } from '@/api/leader'
import { LoadingCards } from '@/components/page-state'
import { useLeaderT, useLeaderTitle } from '@/i18n/leader'
import { FormNotice } from '../../components/form'
import { checkPoint, draftFromPoint, emptyPoint, PointFields, type PointDraft } from '../../components/point-form'
import { failureText, useSubmit } from '../../lib/use-submit'
import '../../components/console.scss'

/** Add a pickup point, or edit one (`?id=`). */
export default function PointPage() {
  const t = useLeaderT()
  useLeaderTitle('title.point')
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : null
  const [draft, setDraft] = useState<PointDraft | null>(id ? null : emptyPoint())
  const [tried, setTried] = useState(false)
  const { busy, message, setMessage, run } = useSubmit()

  useEffect(() => {
    if (!id) return
    listMyPoints()
      .then(({ pickupPoints }) => {
        const point = pickupPoints.find((p) => p.id === id)
        if (point) setDraft(draftFromPoint(point))
        else setMessage(t('point.notFound'))
      })
      .catch((e) => setMessage(failureText(e, 'common.loadFailed')))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id])

  if (!draft) {
    return <View className='lc-page'>{message ? <Text className='lc-notice lc-notice--bad'>{message}</Text> : <LoadingCards count={1} />}</View>
  }

  const check = checkPoint(draft)
  const save = async () => {
    setTried(true)
    setMessage('')
    const input = check.input
    if (!input) return
    const saved = await run(() => (id ? updatePoint(id, input) : createPoint(input)), { done: t('common.saved') })
    if (saved) setTimeout(() => void Taro.navigateBack(), 600)
  }

  return (
    <View className='lc-page'>
      <View className='lc-card'>
        <PointFields value={draft} onChange={setDraft} errors={tried ? check.errors : {}} />
        <Text className='lc-muted'>{t('point.shownToShoppers')}</Text>
      </View>
      <FormNotice message={message} />
      <View className='lc-bar'>
        <Button role='button' className='lc-btn lc-btn--primary' disabled={busy || undefined} loading={busy || undefined} onClick={() => void save()}>
          {t('point.save')}
        </Button>
      </View>
    </View>
  )
}

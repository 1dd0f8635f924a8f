import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ApiError } from '@/api'
import { createPoint, listMyPoints, updatePoint } from '@/api/leader'
import { LoadingCards } from '@/components/page-state'
import { checkPoint, draftFromPoint, emptyPoint, PointFields, type PointDraft } from '../../components/point-form'
import '../../components/console.scss'

/** Add a pickup point, or edit one (`?id=`). */
export default function PointPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : null
  const [draft, setDraft] = useState<PointDraft | null>(id ? null : emptyPoint())
  const [tried, setTried] = useState(false)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState('')

  useEffect(() => {
    if (!id) return
    listMyPoints()
      .then(({ pickupPoints }) => {
        const point = pickupPoints.find((p) => p.id === id)
        if (point) setDraft(draftFromPoint(point))
        else setMessage('找不到这个自提点')
      })
      .catch((e) => setMessage(e instanceof ApiError ? e.message : '加载失败'))
  }, [id])

  if (!draft) {
    return <View className='lc-page'>{message ? <Text className='lc-notice lc-notice--bad'>{message}</Text> : <LoadingCards count={1} />}</View>
  }

  const check = checkPoint(draft)
  const save = async () => {
    setTried(true)
    setMessage('')
    if (!check.input) return
    setBusy(true)
    try {
      if (id) await updatePoint(id, check.input)
      else await createPoint(check.input)
      await Taro.showToast({ title: '已保存', icon: 'success' })
      setTimeout(() => void Taro.navigateBack(), 600)
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : '保存失败，请重试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='lc-page'>
      <View className='lc-card'>
        <PointFields value={draft} onChange={setDraft} errors={tried ? check.errors : {}} />
        <Text className='lc-muted'>邻居在团购页看到自提点的地址、营业时间和联系方式</Text>
      </View>
      {message && (
        <View className='lc-notice lc-notice--bad' role='alert'>
          {message}
        </View>
      )}
      <View className='lc-bar'>
        <Button role='button' className='lc-btn lc-btn--primary' disabled={busy || undefined} loading={busy || undefined} onClick={() => void save()}>
          保存自提点
        </Button>
      </View>
    </View>
  )
}

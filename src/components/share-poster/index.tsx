import { useEffect, useState } from 'react'
import { Button, Canvas, Image, Text, View } from '@tarojs/components'
import { Popup } from '@nutui/nutui-react-taro'
import { disabledWhen } from '@/components/button-state'
import { t, tierLabel } from '@/i18n'
import type { DealDetail } from '../../../types/api'
import { CANVAS_ID, type PosterContent } from './draw'
import { POSTER_HEIGHT, POSTER_WIDTH } from './layout'
import { drawPosterImage, posterWords, qrText, savePoster } from './platform'
import './index.scss'

interface Props {
  deal: DealDetail
  inviteCode: string | null
  /** the nickname of whoever shares (the signed-in shopper); empty when signed out */
  inviterName: string
  onClose: () => void
}

type Drawn = { url: string } | { error: string } | null

function content(deal: DealDetail, inviteCode: string | null, inviterName: string): PosterContent {
  return {
    dealId: deal.id,
    productName: deal.product.name,
    title: deal.title,
    spec: deal.product.spec,
    priceFen: deal.currentUnitPriceFen,
    listPriceFen: deal.listPriceFen,
    count: deal.count,
    tiers: deal.tiers,
    nextTier: deal.nextTier,
    progressLabel: tierLabel(deal.tierBasis, deal.nextTier) ?? t('tier.lowest'),
    inviterLine: inviterName ? t('poster.invites', { name: inviterName }) : t('poster.together'),
    scanLine: t(posterWords.scan),
    brand: t('app.brand'),
    qrText: qrText(deal.id, inviteCode),
    inviteCode,
  }
}

/**
 * "生成分享海报": the deal drawn on a canvas (photo, price, tier progress, who invites, a QR of the
 * invite), shown as a picture and saved (./platform: to the album in WeChat, a download in a browser).
 */
export function SharePoster({ deal, inviteCode, inviterName, onClose }: Props) {
  const [drawn, setDrawn] = useState<Drawn>(null)
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    let live = true
    const data = content(deal, inviteCode, inviterName)
    // let the canvas mount first
    const timer = setTimeout(() => {
      drawPosterImage(data, deal.product.images[0])
        .then((url) => live && setDrawn({ url }))
        .catch(() => live && setDrawn({ error: t('poster.failed') }))
    }, 60)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [deal, inviteCode, inviterName])

  const save = async () => {
    if (!drawn || !('url' in drawn)) return
    setSaving(true)
    try {
      await savePoster(drawn.url, deal.id)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Popup visible position='bottom' round closeable title={t('poster.title')} onClose={onClose}>
      <View className='poster'>
        <Canvas
          type='2d'
          id={CANVAS_ID}
          canvasId={CANVAS_ID}
          className='poster__canvas'
          style={{ width: `${POSTER_WIDTH}px`, height: `${POSTER_HEIGHT}px` }}
        />
        <View className='poster__preview'>
          {drawn && 'url' in drawn ? (
            <Image className='poster__image' src={drawn.url} mode='aspectFit' ariaLabel={t('poster.title')} showMenuByLongpress />
          ) : (
            <Text className='poster__status' role={drawn ? 'alert' : undefined}>
              {drawn ? drawn.error : t('poster.drawing')}
            </Text>
          )}
        </View>
        <Button
          role='button'
          className={`poster__save ${!drawn || !('url' in drawn) || saving ? 'is-off' : ''}`}
          disabled={disabledWhen(!drawn || !('url' in drawn) || saving)}
          onClick={() => void save()}
        >
          {t(posterWords.save)}
        </Button>
        <Text className='poster__hint'>{t(posterWords.hint)}</Text>
      </View>
    </Popup>
  )
}

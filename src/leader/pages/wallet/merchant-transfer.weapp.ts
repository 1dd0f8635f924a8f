import Taro from '@tarojs/taro'
import type { MerchantTransferConfirm } from '@/api/leader'

export const confirmsInApp = true

type Callbacks = { success: () => void; fail: (e: { errMsg?: string }) => void }
type RequestMerchantTransfer = (o: { mchId: string; appId: string; package: string } & Callbacks) => void

/** Taro's own API when it has it, else WeChat's (base library 3.3.0+); null on an older WeChat. */
function api(): RequestMerchantTransfer | null {
  const taro = (Taro as unknown as { requestMerchantTransfer?: RequestMerchantTransfer }).requestMerchantTransfer
  if (taro) return taro
  const wx = (globalThis as { wx?: { requestMerchantTransfer?: RequestMerchantTransfer; canIUse?: (s: string) => boolean } }).wx
  return wx?.requestMerchantTransfer && wx.canIUse?.('requestMerchantTransfer') !== false ? wx.requestMerchantTransfer.bind(wx) : null
}

export function confirmTransfer(c: MerchantTransferConfirm): Promise<'confirmed' | 'cancelled' | 'unsupported'> {
  const request = api()
  if (!request) return Promise.resolve('unsupported')
  return new Promise((resolve) =>
    request({
      mchId: c.mchId,
      appId: c.appId,
      package: c.package,
      success: () => resolve('confirmed'),
      // closing WeChat's page is "requestMerchantTransfer:fail cancel"; any failure leaves it to confirm later
      fail: () => resolve('cancelled'),
    }),
  )
}

// 确认收款: WeChat opens its own confirmation for a merchant transfer; a browser cannot. Taro's build
// picks merchant-transfer.weapp.ts or merchant-transfer.h5.ts; this file is the shape both give.
import type { MerchantTransferConfirm } from '@/api/leader'

/** WeChat can take the money in the mini-program; a browser sends the leader to WeChat. */
export declare const confirmsInApp: boolean

/**
 * Taro.requestMerchantTransfer({ mchId, appId, package }) in WeChat: 'confirmed' when she took it,
 * 'cancelled' when she closed WeChat's page, 'unsupported' where it cannot be done (a browser, an old WeChat).
 */
export declare function confirmTransfer(c: MerchantTransferConfirm): Promise<'confirmed' | 'cancelled' | 'unsupported'>

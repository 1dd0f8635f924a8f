import type { MerchantTransferConfirm } from '@/api/leader'

export const confirmsInApp = false

/** A browser cannot take a WeChat transfer: the page tells her to confirm in WeChat. */
export async function confirmTransfer(_c: MerchantTransferConfirm): Promise<'confirmed' | 'cancelled' | 'unsupported'> {
  return 'unsupported'
}

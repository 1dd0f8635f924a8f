import type { AppContext } from '../../http/context'
import { verifyPlatformSignature, type SignedHeaders } from '../payments/wechatpay-client'
import { DecryptError, decryptResource, type EncryptedResource } from '../payments/wechatpay-crypto'
import * as repo from './payouts.repository'
import { applyTransferStateIn, type ApplyOutcome } from './payouts.service'

/**
 * WeChat Pay's merchant-transfer notification (MCHTRANSFER.BILL.FINISHED): a bill reached SUCCESS,
 * FAIL or CANCELLED. Trusted only when signed by the platform key its serial names, within five
 * minutes of our clock; its resource decrypts under the APIv3 key (AEAD_AES_256_GCM); it names our
 * merchant, one of our WeChat payouts and that payout's very amount. Its id is recorded in the same
 * transaction that applies it, once: a second delivery of the same notification (a replay) is
 * refused and changes nothing. Anything refused is a 4xx with WeChat's `{ code: 'FAIL', message }`.
 */
export interface NotifyAnswer {
  status: number
  body?: { code: 'FAIL'; message: string }
}

const ok: NotifyAnswer = { status: 204 }
const fail = (status: number, message: string): NotifyAnswer => ({ status, body: { code: 'FAIL', message } })

interface Notification {
  id: string
  event_type: string
  resource: EncryptedResource
}

/** The decrypted resource (商家转账回调通知). */
interface FinishedBill {
  mchid?: string
  out_bill_no?: string
  transfer_bill_no?: string
  state?: string
  transfer_amount?: number
  fail_reason?: string
}

export type NotifyLog = (fields: Record<string, unknown>, message: string) => void

class Refused extends Error {
  constructor(readonly answer: NotifyAnswer) {
    super(answer.body?.message ?? 'refused')
  }
}

export async function handleTransferNotification(ctx: AppContext, headers: SignedHeaders, rawBody: string, log: NotifyLog): Promise<NotifyAnswer> {
  const cfg = ctx.config.wechatpay
  if (!cfg) return fail(404, 'WeChat Pay is not configured')
  const verdict = verifyPlatformSignature(cfg, headers, rawBody, ctx.now().getTime())
  if (verdict !== 'ok') {
    log({ verdict }, 'transfer notify refused: signature')
    return fail(401, `signature ${verdict}`)
  }
  let n: Notification
  try {
    n = JSON.parse(rawBody) as Notification
  } catch {
    return fail(400, 'body is not JSON')
  }
  if (typeof n?.id !== 'string' || typeof n.event_type !== 'string' || typeof n.resource !== 'object' || !n.resource) {
    return fail(400, 'not a notification')
  }
  let bill: FinishedBill
  try {
    bill = JSON.parse(decryptResource(cfg.apiV3Key, n.resource)) as FinishedBill
  } catch (error) {
    return fail(400, error instanceof DecryptError ? error.message : 'resource is not JSON')
  }
  const nowIso = ctx.now().toISOString()
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const first = await repo.recordNotification(trx, {
        id: n.id,
        event_type: n.event_type,
        resource_ref: bill.out_bill_no ?? null,
        received_at: nowIso,
      })
      if (!first) throw new Refused(fail(409, 'notification already received'))
      if (n.event_type !== 'MCHTRANSFER.BILL.FINISHED') return
      if (bill.mchid !== cfg.mchId) throw new Refused(fail(400, 'merchant mismatch'))
      const payout = await repo.findByBillNo(trx, String(bill.out_bill_no ?? ''))
      if (!payout || payout.provider !== 'wechatpay') throw new Refused(fail(400, 'unknown out_bill_no'))
      if (typeof bill.state !== 'string') throw new Refused(fail(400, 'no state'))
      const outcome: ApplyOutcome = await applyTransferStateIn(
        trx,
        payout.id,
        {
          state: bill.state,
          transferBillNo: bill.transfer_bill_no ?? null,
          packageInfo: null,
          failReason: bill.fail_reason ?? null,
          amountFen: typeof bill.transfer_amount === 'number' ? bill.transfer_amount : -1,
        },
        nowIso,
      )
      if (outcome === 'amount_mismatch') throw new Refused(fail(400, 'amount mismatch'))
    })
  } catch (error) {
    if (error instanceof Refused) {
      log({ notification: n.id, out_bill_no: bill.out_bill_no }, `transfer notify refused: ${error.message}`)
      return error.answer
    }
    throw error
  }
  return ok
}

import type { AppContext } from '../../http/context'
import { WechatPayError, wechatpayRequest } from '../payments/wechatpay-client'
import type { WechatPayConfig } from '../payments/wechatpay-config'

/**
 * How a payout leaves: a provider takes a bill (our payouts.bill_no, WeChat's out_bill_no) and
 * answers with its state. Sending the same bill again is the same transfer, never a second one,
 * so a send whose answer was lost is simply sent again.
 */
export interface TransferProvider {
  readonly name: 'sandbox' | 'wechatpay'
  send(input: TransferInput): Promise<TransferState>
  /** the bill's state at the provider; null when the provider never took it */
  query(billNo: string): Promise<TransferState | null>
  /** what Taro.requestMerchantTransfer needs besides package_info; null for the sandbox */
  confirmIdentity(): { mchId: string; appId: string } | null
}

export interface TransferInput {
  billNo: string
  amountFen: number
  /** the recipient's openid in our mini-program (WeChat needs it) */
  openid: string | null
  /** the recipient sees it (at most 32 characters) */
  remark: string
  ownerKind: 'leader' | 'supplier'
}

/** A bill as the provider describes it, in WeChat's words (ACCEPTED … SUCCESS / FAIL / CANCELLED). */
export interface TransferState {
  state: string
  transferBillNo: string | null
  /** WAIT_USER_CONFIRM: what the mini-program passes to requestMerchantTransfer */
  packageInfo: string | null
  failReason: string | null
  /** what the provider says it moves (checked against the payout) */
  amountFen: number | null
}

/** The provider refused the bill for good (the bill does not exist there): the money can come back. */
export class TransferRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'TransferRefused'
  }
}

/** Development and tests: the transfer succeeds at once and nothing leaves the machine. */
export const sandboxTransfers: TransferProvider = {
  name: 'sandbox',
  async send(input) {
    return { state: 'SUCCESS', transferBillNo: `sandbox_transfer_${input.billNo}`, packageInfo: null, failReason: null, amountFen: input.amountFen }
  },
  async query(billNo) {
    return { state: 'SUCCESS', transferBillNo: `sandbox_transfer_${billNo}`, packageInfo: null, failReason: null, amountFen: null }
  },
  confirmIdentity: () => null,
}

/** WeChat's answers to 发起转账 and 商户单号查询转账单 (the fields we read). */
interface WechatTransferBill {
  out_bill_no: string
  transfer_bill_no?: string
  state: string
  package_info?: string
  fail_reason?: string
  transfer_amount?: number
}

/** WeChat errors that mean "not now" (the bill may or may not exist): keep the bill, ask again later. */
const TRANSIENT = new Set(['NETWORK', 'RESPONSE_UNVERIFIED', 'SYSTEM_ERROR', 'FREQUENCY_LIMITED', 'NOT_ENOUGH', 'HTTP_ERROR'])

const REPORT_INFOS = {
  leader: [
    { info_type: '岗位类型', info_content: '社区团长' },
    { info_type: '报酬说明', info_content: '团购佣金提现' },
  ],
  supplier: [
    { info_type: '岗位类型', info_content: '供货商' },
    { info_type: '报酬说明', info_content: '供货货款提现' },
  ],
} as const

function stateOf(bill: WechatTransferBill): TransferState {
  return {
    state: bill.state,
    transferBillNo: bill.transfer_bill_no ?? null,
    packageInfo: bill.package_info ?? null,
    failReason: bill.fail_reason ?? null,
    amountFen: typeof bill.transfer_amount === 'number' ? bill.transfer_amount : null,
  }
}

/**
 * WeChat Pay's merchant transfer (商家转账, user-confirm mode): `POST /v3/fund-app/mch-transfer/transfer-bills`
 * creates the bill (idempotent by out_bill_no), usually WAIT_USER_CONFIRM with a package_info for
 * Taro.requestMerchantTransfer; `GET …/transfer-bills/out-bill-no/{out_bill_no}` reads it; the result
 * also comes as a signed notification (transfer-notify.service.ts).
 */
export function wechatTransfers(cfg: WechatPayConfig, appId: string, sceneId: string, notifyUrl: string, now: () => Date): TransferProvider {
  const query = async (billNo: string): Promise<TransferState | null> => {
    try {
      const bill = await wechatpayRequest<WechatTransferBill>(
        cfg,
        'GET',
        `/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/${encodeURIComponent(billNo)}`,
        undefined,
        now,
      )
      return stateOf(bill)
    } catch (error) {
      if (error instanceof WechatPayError && error.status === 404) return null
      throw error
    }
  }
  return {
    name: 'wechatpay',
    confirmIdentity: () => ({ mchId: cfg.mchId, appId }),
    query,
    async send(input) {
      if (!input.openid) throw new TransferRefused('NO_OPENID', 'the recipient has never opened the mini-program in WeChat')
      const body = {
        appid: appId,
        out_bill_no: input.billNo,
        transfer_scene_id: sceneId,
        openid: input.openid,
        transfer_amount: input.amountFen,
        transfer_remark: [...input.remark].slice(0, 32).join(''),
        notify_url: notifyUrl,
        user_recv_perception: input.ownerKind === 'leader' ? '劳务报酬' : '货款',
        transfer_scene_report_infos: REPORT_INFOS[input.ownerKind],
      }
      try {
        return stateOf(await wechatpayRequest<WechatTransferBill>(cfg, 'POST', '/v3/fund-app/mch-transfer/transfer-bills', body, now))
      } catch (error) {
        if (!(error instanceof WechatPayError) || TRANSIENT.has(error.code) || error.status === 0 || error.status >= 500) throw error
        // a refusal: if WeChat has the bill after all (an earlier send got through), that is its state
        const existing = await query(input.billNo)
        if (existing) return existing
        throw new TransferRefused(error.code, error.message)
      }
    },
  }
}

const providers = new WeakMap<AppContext, TransferProvider>()

/** Where WeChat sends transfer results: TRANSFER_NOTIFY_URL, or next to NOTIFY_URL. */
export function transferNotifyUrl(ctx: AppContext): string {
  const cfg = ctx.config.wechatpay
  if (ctx.config.transferNotifyUrl) return ctx.config.transferNotifyUrl
  if (!cfg) throw new Error('WeChat Pay is not configured')
  return new URL('transfer-notify', cfg.notifyUrl).toString()
}

/** The provider in use: WeChat's merchant transfer with PAYMENT_PROVIDER=wechatpay, else the sandbox. */
export function transferProvider(ctx: AppContext): TransferProvider {
  const { config } = ctx
  if (config.paymentProvider !== 'wechatpay') return sandboxTransfers
  let provider = providers.get(ctx)
  if (!provider) {
    if (!config.wechatpay || !config.wechat) throw new Error('PAYMENT_PROVIDER=wechatpay without its configuration')
    provider = wechatTransfers(config.wechatpay, config.wechat.appId, config.transferSceneId, transferNotifyUrl(ctx), ctx.now)
    providers.set(ctx, provider)
  }
  return provider
}

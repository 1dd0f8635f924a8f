import Taro from '@tarojs/taro'
import { AFTER_SALES_KINDS, askSubscriptionConsent, useSubscriptions } from '@/stores/subscriptions'
import { fakeApi } from './support/fake-api'

/** In WeChat a shopper is asked, from her own tap, whether the answers she waits for may reach her. */
describe('which messages a tap asks consent for', () => {
  beforeEach(() => useSubscriptions.getState().reset())
  afterEach(() => jest.restoreAllMocks())

  it("asking for a refund asks about the leader's and the operator's answers; joining about the group buy", async () => {
    fakeApi({
      'GET /notifications/templates': {
        body: {
          templates: {
            deal_succeeded: 'tmpl-ok',
            goods_arrived: 'tmpl-arrived',
            deal_failed: 'tmpl-no',
            after_sales_approved: 'tmpl-as-yes',
            after_sales_refused: 'tmpl-as-no',
            after_sales_decided: 'tmpl-as-final',
          },
        },
      },
      'POST /me/subscriptions': { body: { accepted: 1 } },
    })
    const ask = jest.spyOn(Taro, 'requestSubscribeMessage').mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok' } as never)
    await useSubscriptions.getState().load()

    askSubscriptionConsent('d-orange', AFTER_SALES_KINDS)
    askSubscriptionConsent('d-orange')
    expect(ask.mock.calls.map((c) => (c[0] as { tmplIds: string[] }).tmplIds)).toEqual([
      ['tmpl-as-yes', 'tmpl-as-no', 'tmpl-as-final'],
      ['tmpl-ok', 'tmpl-arrived', 'tmpl-no'],
    ])
  })
})

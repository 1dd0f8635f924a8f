import Taro from '@tarojs/taro'
import { ApiError, getDeal, listDeals, payOrder } from '@/api'
import { useClock } from '@/stores/clock'
import { useSession } from '@/stores/session'
import { fakeApi } from './support/fake-api'
import { dealDetail, NOW, shopper } from './support/fixtures'

describe('the API client', () => {
  it('calls the same origin under /api/v1 with the location and the signed-in bearer token', async () => {
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    const request = jest.spyOn(Taro, 'request')
    fakeApi({ 'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail() } } })

    const { deal } = await getDeal('d-orange', { invite: 'K7Q2', where: { lat: 30.5, lng: 114.3 } })

    expect(deal.title).toBe('赣南脐橙 现摘现发')
    const opts = request.mock.calls[0][0]
    expect(opts.url).toBe('/api/v1/deals/d-orange?invite=K7Q2&lat=30.5&lng=114.3')
    expect(opts.header).toMatchObject({ Authorization: 'Bearer tok-mei' })
  })

  it('sends {} as the body of a POST that carries nothing, as the server expects JSON', async () => {
    const calls = fakeApi({ 'POST /orders/o-1/pay': { body: { order: {} } } })
    await payOrder('o-1')
    expect(calls[0].body).toEqual({})
    expect(calls[0].headers['Content-Type']).toBe('application/json')
  })

  it("throws the server's error code and message", async () => {
    fakeApi({ 'GET /deals': { status: 422, body: { error: { code: 'BAD_LOCATION', message: '位置参数不正确' } } } })
    await expect(listDeals()).rejects.toMatchObject({ code: 'BAD_LOCATION', message: '位置参数不正确', status: 422 })
  })

  it('explains a network failure in plain Chinese', async () => {
    fakeApi({ 'GET /deals': 'network-down' })
    const error = await listDeals().catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', message: '网络不太好，请检查网络后重试' })
  })

  it('keeps the server clock offset from responses that carry serverNow', async () => {
    jest.useFakeTimers({ now: new Date(Date.parse(NOW) - 90_000), advanceTimers: true })
    fakeApi({ 'GET /deals': { body: { serverNow: NOW, deals: [] } } })
    await listDeals()
    expect(useClock.getState().offsetMs).toBe(90_000)
  })

  it('forgets a session the server no longer accepts', async () => {
    useSession.getState().signIn({ token: 'old', user: shopper })
    fakeApi({ 'GET /me/orders': { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } } } })
    const { listMyOrders } = await import('@/api')
    await expect(listMyOrders()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    expect(useSession.getState().token).toBeNull()
  })
})

describe('the session store', () => {
  it('survives a restart through Taro storage and resets to signed out', async () => {
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    const saved = JSON.parse(Taro.getStorageSync('linli-session'))
    expect(saved.state).toMatchObject({ token: 'tok-mei', user: { nickname: '小梅' } })

    // a fresh start: memory empty, storage still holding what was saved
    const raw = Taro.getStorageSync('linli-session')
    useSession.setState({ token: null, user: null })
    Taro.setStorageSync('linli-session', raw)
    await useSession.persist.rehydrate()
    expect(useSession.getState().token).toBe('tok-mei')

    useSession.getState().reset()
    expect(useSession.getState()).toMatchObject({ token: null, user: null })
  })
})

import Taro from '@tarojs/taro'

export interface FakeRequest {
  method: string
  path: string
  query: Record<string, string>
  body: any
  headers: Record<string, string>
}

type Reply = { status?: number; body: unknown } | 'network-down'
type Handler = Reply | ((req: FakeRequest) => Reply)

/**
 * Answers the app's Taro.request calls from a table like { 'GET /deals/:id': reply }, paths
 * without the /api/v1 prefix. Unknown routes answer 404 as the server would. Returns the log of calls.
 */
export function fakeApi(routes: Record<string, Handler>): FakeRequest[] {
  const calls: FakeRequest[] = []
  const table = Object.entries(routes).map(([key, handler]) => {
    const [method, pattern] = key.split(' ')
    const re = new RegExp(`^${pattern.replace(/:[a-zA-Z]+/g, '[^/]+')}$`)
    return { method, re, handler }
  })
  jest.spyOn(Taro, 'request').mockImplementation((async (opts: Taro.request.Option) => {
    const url = new URL(opts.url, 'http://linli.test')
    const req: FakeRequest = {
      method: opts.method ?? 'GET',
      path: url.pathname.replace(/^\/api\/v1/, ''),
      query: Object.fromEntries(url.searchParams),
      body: opts.data,
      headers: (opts.header ?? {}) as Record<string, string>,
    }
    calls.push(req)
    const route = table.find((r) => r.method === req.method && r.re.test(req.path))
    const reply: Reply = route
      ? typeof route.handler === 'function'
        ? route.handler(req)
        : route.handler
      : { status: 404, body: { error: { code: 'NOT_FOUND', message: '没有找到' } } }
    if (reply === 'network-down') throw new Error('request:fail')
    return { statusCode: reply.status ?? 200, data: reply.body, header: {}, cookies: [], errMsg: 'request:ok' }
  }) as never)
  return calls
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { LiveDeal } from '../../../types/api'
import { IdParams, LiveDealResponse, replies } from '../../../types/contract'
import type { AppContext } from '../../http/context'
import { AppError } from '../../http/errors'
import { liveDeal } from '../deals/deals.service'
import { LiveDeals, MAX_SOCKETS_PER_CLIENT } from './live-deals'

/** A frame from a client is a ping at most; anything bigger is not ours. */
export const MAX_CLIENT_FRAME_BYTES = 512
/** A socket that answers no ping for this long is gone (its phone slept, its network dropped). */
export const HEARTBEAT_MS = 30_000

declare module 'fastify' {
  interface FastifyRequest {
    liveFirst?: LiveDeal
  }
}

const instances = new WeakMap<AppContext, LiveDeals>()

/** The live watchers of the app built on `ctx` (tests look at how many there are). */
export function liveDealsOf(ctx: AppContext): LiveDeals | undefined {
  return instances.get(ctx)
}

/**
 * `GET /deals/:id/live`: as a WebSocket, the deal's live state, pushed after every committed change;
 * as a plain GET, the same state once (what a page polls when its socket cannot open).
 */
export const liveRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const live = new LiveDeals(ctx)
  instances.set(ctx, live)
  app.addHook('onClose', () => live.close())

  const heartbeat = setInterval(() => {
    for (const socket of app.websocketServer?.clients ?? []) {
      const s = socket as typeof socket & { alive?: boolean }
      if (s.alive === false) {
        s.terminate()
        continue
      }
      s.alive = false
      s.ping()
    }
  }, HEARTBEAT_MS)
  heartbeat.unref()
  app.addHook('onClose', async () => clearInterval(heartbeat))

  app.route({
    method: 'GET',
    url: '/deals/:id/live',
    schema: {
      tags: ['deals'],
      summary: "a deal's live state: count, price, next tier, stock, status, who joined last",
      description:
        'Open as a WebSocket (`Upgrade: websocket`) to get a `{"type":"deal"}` frame now and after every change ' +
        '(send `{"type":"ping"}` for a `pong`); as a plain GET, the state once (the polling fallback). ' +
        'A draft or unknown deal is 404; more than 20 sockets from one client are refused (429).',
      params: IdParams,
      response: replies({ 200: LiveDealResponse }),
    },
    preHandler: async (request) => {
      // refused before the upgrade, as plain HTTP: an unknown or draft deal, a flood of sockets
      if (request.ws && live.socketsOf(request.ip) >= MAX_SOCKETS_PER_CLIENT) {
        throw new AppError(429, 'TOO_MANY_SOCKETS', '打开的实时连接太多了，请关闭一些页面再试', { max: MAX_SOCKETS_PER_CLIENT })
      }
      request.liveFirst = await liveDeal(ctx, (request.params as { id: string }).id)
    },
    handler: async (request) => ({ deal: request.liveFirst!, serverNow: ctx.now().toISOString() }),
    wsHandler: (socket, request) => {
      const s = socket as typeof socket & { alive?: boolean }
      s.alive = true
      socket.on('pong', () => (s.alive = true))
      socket.on('message', (data, isBinary) => {
        const text = isBinary ? null : data.toString()
        let ping = false
        if (text !== null && text.length <= MAX_CLIENT_FRAME_BYTES) {
          try {
            ping = (JSON.parse(text) as { type?: unknown })?.type === 'ping'
          } catch {
            ping = false
          }
        }
        // 1003: this endpoint only understands pings
        if (!ping) return socket.close(1003, 'only {"type":"ping"} is understood')
        live.send(socket, JSON.stringify({ type: 'pong', serverNow: ctx.now().toISOString() }))
      })
      socket.on('error', () => socket.terminate())
      void live.watch(request.liveFirst!.id, socket, request.ip, request.liveFirst!)
    },
  })
}

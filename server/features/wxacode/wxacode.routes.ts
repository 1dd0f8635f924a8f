import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParams, SceneParams, SceneResponse, WxacodeImage, WxacodeQuery, replies } from '../../../types/contract'
import * as service from './wxacode.service'

/** 小程序码 for share posters, and what a scanned one's scene stands for. Public: a poster is for anyone. */
export const wxacodeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app

  app.get(
    '/deals/:id/wxacode',
    {
      schema: {
        tags: ['deals'],
        summary: "小程序码: the deal's mini-program code with the sharer's invite in its scene (WeChat only; made once per deal and invite)",
        description:
          'Answers the image (image/jpeg or image/png). 404 WXACODE_NOT_CONFIGURED where WeChat is not set up (the H5 poster keeps its link QR); 404 INVITE_NOT_FOUND for an invite code not of this deal; 429 WXACODE_RATE_LIMITED; 409 WXACODE_PAGE_INVALID; 502 WECHAT_UNAVAILABLE.',
        params: IdParams,
        querystring: WxacodeQuery,
        // the image itself, not JSON (refusals are the usual JSON error)
        response: replies({
          200: { description: 'the code image', content: { 'image/jpeg': { schema: WxacodeImage }, 'image/png': { schema: WxacodeImage } } },
        }),
      },
    },
    async (request, reply) => {
      const image = await service.wxacodeFor(ctx, request.params.id, request.query.invite)
      return reply
        .header('content-type', image.contentType)
        .header('cache-control', 'public, max-age=86400')
        .header('x-content-type-options', 'nosniff')
        .send(image.bytes)
    },
  )

  app.get(
    '/wxacode/scenes/:scene',
    {
      schema: {
        tags: ['deals'],
        summary: 'what a scanned mini-program code opens: its deal and invite (404 SCENE_NOT_FOUND)',
        params: SceneParams,
        response: replies({ 200: SceneResponse }),
      },
    },
    async (request) => service.resolveScene(ctx, request.params.scene),
  )
}

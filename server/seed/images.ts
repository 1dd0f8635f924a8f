import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import fastifyStatic from '@fastify/static'

/** Where the seeded deals' product pictures are served: no network needed, in H5 or WeChat DevTools. */
export const PRODUCT_IMAGE_PREFIX = '/static/products/'

export const productImageUrl = (name: string): string => `${PRODUCT_IMAGE_PREFIX}${name}.svg`

/** The hand-drawn SVGs in ./images; decorateReply false because the H5 app's registration owns sendFile. */
export async function registerProductImages(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: path.join(__dirname, 'images'),
    prefix: PRODUCT_IMAGE_PREFIX,
    decorateReply: false,
    wildcard: false,
    maxAge: '1d',
  })
}

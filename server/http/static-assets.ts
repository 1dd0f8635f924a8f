import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import fastifyCompress from '@fastify/compress'
import fastifyStatic from '@fastify/static'

/** A year: what a file whose name carries its content hash may be cached for. */
export const IMMUTABLE = 'public, max-age=31536000, immutable'
/** index.html names the hashed files of the current build: always asked again (a 304 when unchanged). */
export const REVALIDATE = 'no-cache'

/** `app.3f9a0c1d.js`, `app.3f9a0c1d9406466e8918.css`: webpack's [hash:8] / [chunkhash] in the name. */
const HASHED = /\.[0-9a-f]{8,}\.(js|css)$/
const TEXT = /\.(js|css|html|svg|json|txt|map)$/

/** The Cache-Control header for a file of the H5 build. */
export function cacheControlFor(file: string): string {
  if (HASHED.test(path.basename(file))) return IMMUTABLE
  if (path.basename(file) === 'index.html') return REVALIDATE
  // unhashed pictures (tab icons, static/images): a day, then revalidated
  return 'public, max-age=86400'
}

/**
 * Responses are compressed (Brotli, else gzip) when the client accepts it: the API's JSON on the fly
 * at a fast Brotli level, the H5 build from the `.br`/`.gz` files written beside each file at build
 * time (config/precompress.ts, Brotli 11) and on the fly when a build has none. Registered before
 * the routes so its hook covers them all.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  })
}

/**
 * Pages that moved into the shopper subpackage: a link to the old address (an earlier share, a
 * WeChat message) is sent on to the new one, its query kept. A permanent move.
 */
export const MOVED_PAGES: Record<string, string> = {
  '/pages/order/index': '/shopper/pages/order/index',
  '/pages/pickup-points/index': '/shopper/pages/pickup-points/index',
  '/pages/messages/index': '/shopper/pages/messages/index',
}

/** The H5 app: hashed files cached for a year, index.html revalidated, precompressed files preferred. */
export async function registerH5App(app: FastifyInstance, staticDir: string): Promise<void> {
  for (const [from, to] of Object.entries(MOVED_PAGES)) {
    app.get(from, { schema: { hide: true } }, (request, reply) => {
      const at = request.url.indexOf('?')
      return reply.redirect(to + (at === -1 ? '' : request.url.slice(at)), 301)
    })
  }
  await app.register(fastifyStatic, {
    root: staticDir,
    wildcard: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders(res: { setHeader: (name: string, value: string) => unknown }, file: string) {
      const served = file.replace(/\.(br|gz)$/, '')
      res.setHeader('cache-control', cacheControlFor(served))
      if (TEXT.test(served)) res.setHeader('vary', 'accept-encoding')
    },
  })
}

/** Whether the folder holds a built H5 app. */
export const hasH5App = (staticDir: string | null): staticDir is string => staticDir !== null && fs.existsSync(path.join(staticDir, 'index.html'))

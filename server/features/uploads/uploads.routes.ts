import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import fastifyMultipart from '@fastify/multipart'
import { replies, Role, UploadedImage, UploadResponse } from '../../../types/contract'
import { AppError, forbidden, notFound } from '../../http/errors'
import { requireUser } from '../../http/auth'
import { hasRole } from '../auth/auth.service'
import { mayUploadPhotos } from '../after-sales/after-sales.service'
import { notAnImage, readImage, saveImage, tooLarge, UPLOAD_MAX_BYTES, UPLOADS_PREFIX } from './uploads.service'

/**
 * Leaders (product photos), and shoppers with an order collected within the after-sales window
 * (photos of what went wrong); anyone else 403.
 */
async function requireUploader(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  await requireUser(request, reply)
  const user = request.user!
  if (hasRole(user, Role.leader)) return
  if (!(await mayUploadPhotos(request.server.ctx, user))) throw forbidden('仅团长可用')
}

/** `POST /uploads` (under /api/v1): one image as multipart form data (see requireUploader). */
export const uploadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  await app.register(fastifyMultipart, {
    limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
  })

  app.post(
    '/uploads',
    {
      // also a shopper with an order collected within the after-sales window (her photos)
      preHandler: requireUploader,
      schema: {
        tags: ['leader'],
        summary: 'upload one photo (multipart, JPG/PNG/GIF/WebP, at most 5 MB) -> { url }: leaders, and shoppers for after-sales',
        security: [{ bearer: [] }],
        consumes: ['multipart/form-data'],
        response: replies({ 201: UploadResponse }),
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new AppError(415, 'NOT_MULTIPART', '请以 multipart/form-data 上传图片')
      let bytes: Buffer | null = null
      try {
        // read every part, so a second file is refused rather than silently dropped
        for await (const file of request.files()) {
          if (bytes) throw new AppError(400, 'ONE_FILE_ONLY', '一次只能上传一张图片')
          bytes = await file.toBuffer()
        }
      } catch (error) {
        if (error instanceof AppError) throw error
        const code = (error as { code?: string }).code
        if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge()
        if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
          throw new AppError(400, 'ONE_FILE_ONLY', '一次只能上传一张图片')
        }
        throw new AppError(400, 'BAD_UPLOAD', '上传的内容无法读取，请重试')
      }
      if (!bytes) throw notAnImage()
      return reply.status(201).send(await saveImage(ctx, bytes))
    },
  )
}

/**
 * Serves the stored photos back at /uploads/<name>, from the database or this machine's disk. Names
 * are random and a photo never changes, so it can be cached for a year.
 */
export const serveUploads: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  app.get(
    `${UPLOADS_PREFIX}:name`,
    {
      schema: {
        tags: ['uploads'],
        summary: 'one uploaded photo (immutable: cache it)',
        params: Type.Object({ name: Type.String({ maxLength: 64 }) }),
        response: replies({
          200: {
            description: 'the photo',
            content: Object.fromEntries(['image/jpeg', 'image/png', 'image/gif', 'image/webp'].map((type) => [type, { schema: UploadedImage }])),
          },
        }),
      },
    },
    async (request, reply) => {
      const image = await readImage(ctx, request.params.name)
      if (!image) throw notFound('图片')
      return reply
        .header('content-type', image.contentType)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .header('etag', `"${request.params.name}"`)
        .send(image.bytes)
    },
  )
}

import fs from 'node:fs'
import type { FastifyInstance } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import fastifyMultipart from '@fastify/multipart'
import fastifyStatic from '@fastify/static'
import { replies, Role, UploadResponse } from '../../../types/contract'
import { AppError } from '../../http/errors'
import { requireRole } from '../../http/auth'
import { notAnImage, saveImage, tooLarge, UPLOAD_MAX_BYTES, UPLOADS_PREFIX } from './uploads.service'

/** `POST /uploads` (under /api/v1): one image as multipart form data, leaders only. */
export const uploadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  await app.register(fastifyMultipart, {
    limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
  })

  app.post(
    '/uploads',
    {
      preHandler: requireRole(Role.leader),
      schema: {
        tags: ['leader'],
        summary: 'upload one product photo (multipart, JPG/PNG/GIF/WebP, at most 5 MB) -> { url }',
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
      return reply.status(201).send(await saveImage(ctx.config.uploadsDir, bytes))
    },
  )
}

/** Serves the stored photos back at /uploads/<name> (random names, so they can be cached for long). */
export async function serveUploads(app: FastifyInstance): Promise<void> {
  const dir = app.ctx.config.uploadsDir
  fs.mkdirSync(dir, { recursive: true })
  await app.register(fastifyStatic, {
    root: dir,
    prefix: UPLOADS_PREFIX,
    decorateReply: false,
    dotfiles: 'deny',
    index: false,
    maxAge: '30d',
    immutable: true,
  })
}

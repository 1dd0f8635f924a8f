import type { FastifyReply } from 'fastify'

/** The numbers a refusal's sentence carries, so the app can say it in the shopper's language. */
export type ErrorParams = Record<string, string | number>

/**
 * A refusal the client should see: 4xx with the contract's JSON `{ error: { code, message } }`,
 * plus `params` when the message carries numbers (the app words known codes itself).
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly params?: ErrorParams,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

/** The one place a refusal becomes the contract's JSON; `params` only when it has some. */
export function sendError(reply: FastifyReply, error: AppError) {
  const { code, message, params } = error
  return reply.status(error.statusCode).send({ error: params ? { code, message, params } : { code, message } })
}

export const badRequest = (code: string, message: string) => new AppError(400, code, message)
export const unauthorized = (message = '请先登录') => new AppError(401, 'UNAUTHORIZED', message)
export const forbidden = (message = '没有权限') => new AppError(403, 'FORBIDDEN', message)
export const notFound = (what = '内容') => new AppError(404, 'NOT_FOUND', `${what}不存在`)
export const conflict = (code: string, message: string, params?: ErrorParams) => new AppError(409, code, message, params)
export const unprocessable = (code: string, message: string) => new AppError(422, code, message)
export const tooMany = (message: string, params?: ErrorParams) => new AppError(429, 'TOO_MANY_ATTEMPTS', message, params)

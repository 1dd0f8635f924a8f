import { Type, type Static, type TSchema } from 'typebox'

/**
 * Building blocks of the contract's schemas. Each schema is plain JSON Schema, so the same object
 * validates requests (Ajv), serialises replies (fast-json-stringify) and is the OpenAPI document.
 */

/** One of an `as const` object's values, as `{ type: 'string', enum }` (cheaper to check and serialise than anyOf). */
export const StringEnum = <T extends Record<string, string>>(values: T, options: { description?: string } = {}) =>
  Type.Unsafe<T[keyof T]>({ type: 'string', enum: Object.values(values), ...options })

/** The schema or null, as `type: [type, 'null']` (serialised directly, no anyOf). */
export const Nullable = <T extends TSchema & { type: string }>(schema: T, options: { description?: string } = {}) =>
  Type.Unsafe<Static<T> | null>({ ...schema, type: [schema.type, 'null'], ...options })

/** An ISO-8601 UTC instant. */
export const Instant = (options: { description?: string } = {}) => Type.String({ format: 'date-time', ...options })

/** An id as a request gives it (path, body or query). */
export const IdInput = Type.String({ minLength: 1, maxLength: 64 })

/** `/:id` in a path: the one params schema of every route that has an id. */
export const IdParams = Type.Object({ id: IdInput })

export const ServerNow = Instant({ description: "the server's clock, so the app can keep countdowns in step" })

/**
 * Every refusal: 4xx/5xx with `{ error: { code, message } }`. `code` is stable and machine-readable;
 * `message` is the server's sentence, a fallback for codes the app does not know. Open for more
 * fields (e.g. `params`, numbers the app may put into its own words).
 */
export const ApiError = Type.Object({
  error: Type.Object(
    {
      code: Type.String({ description: 'stable, machine-readable, e.g. SOLD_OUT' }),
      message: Type.String({ description: "the server's own sentence" }),
      params: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'facts the words are made from' })),
    },
    { additionalProperties: true },
  ),
})

/** `{ ok: true }` */
export const Ok = Type.Object({ ok: Type.Boolean() })

/** A route's replies: its own success schemas plus the shared error body for 4xx and 5xx. */
export function replies<S extends Record<number, TSchema>>(ok: S): S & { '4xx': typeof ApiError; '5xx': typeof ApiError } {
  return { ...ok, '4xx': ApiError, '5xx': ApiError }
}

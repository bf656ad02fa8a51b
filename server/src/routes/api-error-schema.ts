import { ERROR_CODES } from '@tandem/shared'

/** The JSON schema of `ApiError`, the body of every 4xx and 5xx answer. */
export const apiErrorSchema = {
  description: 'ApiError: a code from ERROR_CODES, an English message and the field concerned',
  type: 'object',
  required: ['code', 'message'],
  // Import refusals add `errors` and `errorCount`; the serializer must keep them.
  additionalProperties: true,
  properties: {
    code: { type: 'string', enum: Object.keys(ERROR_CODES) },
    message: { type: 'string' },
    field: { type: 'string', description: 'the field or cell concerned, when there is one' },
  },
} as const

/** Response schemas for the error statuses a route can answer with, each an `ApiError`. */
export function apiErrorResponses(...statuses: number[]): Record<number, typeof apiErrorSchema> {
  return Object.fromEntries(statuses.map((status) => [status, apiErrorSchema]))
}

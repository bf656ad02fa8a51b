import type { TFunction } from 'i18next'
import { ApiFailure } from '../api/plans-api.js'

/** A failed admin request, in the reader's language, with the field it concerns if any. */
export interface FieldFailure {
  field: string | undefined
  message: string
}

/** Fastify names the field of a schema failure only in its message: "body/password must …". */
const SCHEMA_FIELD = /^body\/(\w+)/

/**
 * Turns a failed request into a message and the field it names: the server's `field`, else the
 * field of a schema failure. Known codes are translated; others keep the server's own words.
 */
export function fieldFailure(t: TFunction, failure: unknown): FieldFailure {
  if (!(failure instanceof ApiFailure) || !failure.error) {
    return { field: undefined, message: t('admin.errors.unreachable') }
  }
  const { code, message } = failure.error
  const field = failure.error.field ?? SCHEMA_FIELD.exec(message)?.[1]
  if (code === 'conflict' && field === 'email')
    return { field, message: t('admin.errors.emailTaken') }
  if (code === 'badRequest' && field === 'password' && /fewer than/.test(message))
    return { field, message: t('admin.errors.passwordTooShort') }
  if (code === 'badRequest' && field === 'email')
    return { field, message: t('admin.errors.badEmail') }
  if (
    code === 'badRequest' &&
    (field === 'disabled' || field === 'isAdmin') &&
    !SCHEMA_FIELD.test(message)
  )
    return { field, message: t('admin.errors.selfLockout') }
  if (code === 'forbidden') return { field, message: t('admin.errors.forbidden') }
  return { field, message }
}

import { CLOSE_CODES } from '@tandem/shared'
import type { SessionFailure } from './connection-status.js'

/** Why a plan cannot be shown after the server closed its socket for good. */
export function failureOfClose(code: number): SessionFailure {
  if (code === CLOSE_CODES.planNotFound) return 'notFound'
  if (code === CLOSE_CODES.planDeleted) return 'deleted'
  if (code === CLOSE_CODES.unauthorized) return 'unauthorized'
  return 'forbidden'
}

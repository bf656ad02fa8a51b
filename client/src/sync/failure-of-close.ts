import { CLOSE_CODES } from '@tandem/shared'
import type { SessionFailure } from './connection-status.js'

/**
 * Why a plan cannot be shown after the server closed its socket for good. A refusal after the
 * plan was open means the user's access was taken away (disabled, or no role any more).
 */
export function failureOfClose(code: number, wasOpen: boolean): SessionFailure {
  if (code === CLOSE_CODES.planNotFound) return 'notFound'
  if (code === CLOSE_CODES.forbidden && wasOpen) return 'revoked'
  if (code === CLOSE_CODES.planDeleted) return 'deleted'
  if (code === CLOSE_CODES.unauthorized) return 'unauthorized'
  if (code === CLOSE_CODES.tooManySockets) return 'tooManySockets'
  if (code === CLOSE_CODES.overBudget) return 'overBudget'
  return 'forbidden'
}

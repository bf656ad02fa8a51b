import type { RejectionCode } from '../error-codes.js'
import type { RejectedPlace } from '../protocol.js'

/** Why an edit breaks a rule, naming the cell or field concerned. */
export interface RuleViolation {
  code: RejectionCode
  reason: string
  place: RejectedPlace
}

export function violation(
  code: RejectionCode,
  reason: string,
  place: RejectedPlace,
): RuleViolation {
  return { code, reason, place }
}

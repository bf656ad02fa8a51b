import type { CellEdit, RuleViolation } from '@tandem/shared'
import type { CellNaming } from './describe-cell.js'
import { describeViolation } from './describe-violation.js'

/** Describes the refusal of a checked edit in the reader's language. */
export function describeEditViolation(
  view: CellNaming,
  violation: RuleViolation,
  edits: readonly CellEdit[],
): string {
  const { place } = violation
  const edit = edits.find(
    (e) => e.measure === place.root && e.key === place.key && e.period === place.period,
  )
  return describeViolation(view, violation.code, place, violation.reason, edit?.value)
}

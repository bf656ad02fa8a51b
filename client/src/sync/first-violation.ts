import type { CellEdit, PlanMeta, Role, RuleViolation } from '@tandem/shared'
import { checkCellEdit } from '@tandem/shared'

/** The first of the edits that breaks the plan's rules for `role`, if any. */
export function firstViolation(
  meta: PlanMeta,
  role: Role,
  edits: readonly CellEdit[],
): RuleViolation | undefined {
  for (const edit of edits) {
    const found = checkCellEdit(meta, role, edit.measure, edit.key, edit.period, edit.value)
    if (found) return found
  }
  return undefined
}

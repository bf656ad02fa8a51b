import type { PastePlan } from '@tandem/shared'
import { PASTE_SKIP_REASONS } from '@tandem/shared'
import type { BoardView } from '../plan-view/board-view.js'
import { describeViolation } from '../plan-view/describe-violation.js'

/** Exactly what a paste did: cells changed, values skipped and why, in the reader's language. */
export function pasteMessage(view: BoardView, plan: PastePlan): string {
  const { t, format } = view
  const parts = [
    t('edit.pasteChanged', { count: plan.changed, cells: format.number(plan.changed) }),
  ]
  const reasons = PASTE_SKIP_REASONS.flatMap((reason) => {
    const count = plan.skipped[reason] ?? 0
    return count > 0 ? [t(`edit.pasteSkip.${reason}`, { count, cells: format.number(count) })] : []
  })
  const skipped = Object.values(plan.skipped).reduce((sum, n) => sum + (n ?? 0), 0)
  if (skipped > 0) {
    parts.push(
      t('edit.pasteSkipped', {
        count: skipped,
        cells: format.number(skipped),
        reasons: reasons.join(t('edit.pasteListSeparator')),
      }),
    )
  }
  if (plan.firstBadValue) {
    const { violation, value } = plan.firstBadValue
    parts.push(describeViolation(view, violation.code, violation.place, violation.reason, value))
  }
  return parts.join(' ')
}

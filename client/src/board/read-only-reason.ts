import type { BoardView } from '../plan-view/board-view.js'
import type { CellTarget } from './cell-target.js'
import { describeViolation } from '../plan-view/describe-violation.js'

/** Why a cell cannot be typed into, in the reader's language; undefined when it can. */
export function readOnlyReason(view: BoardView, target: CellTarget): string | undefined {
  const { t } = view
  if (view.shownVersion) return t('versions.readOnly', { name: view.shownVersion })
  switch (target.kind) {
    case 'label':
      return t('readOnly.label')
    case 'total':
      return t('readOnly.total', { measure: t(`measure.${target.measure}`) })
    case 'computed':
      if (target.measure === 'statistical' || target.measure === 'actuals')
        return t(`forecast.readOnly.${target.measure}`)
      return t('readOnly.computed', { measure: t(`measure.${target.measure}`) })
    case 'rule': {
      const { code, place, reason } = target.violation
      if (code === 'forbiddenRole') {
        return t('readOnly.role', {
          role: t(`role.${view.role}`),
          measure: t(`measure.${place.root}`),
        })
      }
      if (code === 'frozenPeriod' && place.period !== undefined) {
        const { periodKind, firstPeriod } = view.meta
        return t('readOnly.frozen', {
          period: view.format.period(periodKind, firstPeriod, place.period),
        })
      }
      if (code === 'planApproved') return t('readOnly.approved')
      return describeViolation(view, code, place, reason)
    }
    default:
      return undefined
  }
}

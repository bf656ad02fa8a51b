import type { PlanTotals } from '@tandem/shared'
import type { BoardView } from './board-view.js'

/** The total rows' numbers: the whole plan's, or only what the filters leave in view. */
export function totalsOf(view: Pick<BoardView, 'layout' | 'model'>): PlanTotals {
  return view.layout.scope.scoped ? view.layout.rollUps.total() : view.model.totals()
}

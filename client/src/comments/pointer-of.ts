import type { CommentAnchor } from '@tandem/shared'
import { columnOfPeriod } from '../plan-view/board-view.js'
import type { CellPointer } from '../presence/presence-state.js'
import type { TimeAxis } from '../plan-view/time-axis.js'

/** The grid location of an anchor, for jumping to it (at a rolled-up grain, its column). */
export function pointerOf(
  anchor: CommentAnchor,
  axis?: Pick<TimeAxis, 'bucketOfPeriod'>,
): CellPointer {
  const row =
    anchor.measure === 'capacity'
      ? `resource:${anchor.key}:capacity`
      : `sku:${anchor.key}:${anchor.measure}`
  if (anchor.period === undefined) return { row, col: 1 }
  return { row, col: columnOfPeriod(axis?.bucketOfPeriod[anchor.period] ?? anchor.period) }
}

import type { CommentAnchor } from '@tandem/shared'
import { columnOfPeriod } from '../plan-view/board-view.js'
import type { CellPointer } from '../presence/presence-state.js'

/** The grid location of an anchor, for jumping to it. */
export function pointerOf(anchor: CommentAnchor): CellPointer {
  const row =
    anchor.measure === 'capacity'
      ? `resource:${anchor.key}:capacity`
      : `sku:${anchor.key}:${anchor.measure}`
  return { row, col: anchor.period === undefined ? 1 : columnOfPeriod(anchor.period) }
}

import type { Rectangle } from '@glideapps/glide-data-grid'
import type { BoardView } from '../plan-view/board-view.js'
import { cellTarget } from './cell-target.js'
import type { GridWrite } from './plan-writes.js'

/** What the Delete key does to a cell: clear its override (`clear`) or write 0 (`zero`). */
export type DeletionMode = 'clear' | 'zero'

/**
 * The writes a Delete over a selected range amounts to, for the cells in it that can be typed
 * into (labels, computed rows and closed cells in the range are left alone).
 */
export function deletionWrites(view: BoardView, range: Rectangle, mode: DeletionMode): GridWrite[] {
  const writes: GridWrite[] = []
  for (let row = range.y; row < range.y + range.height; row++) {
    for (let col = range.x; col < range.x + range.width; col++) {
      const kind = cellTarget(view, [col, row]).kind
      if (kind === 'label' || kind === 'computed' || kind === 'total' || kind === 'rule') continue
      writes.push(
        mode === 'clear'
          ? { location: [col, row], value: undefined, clear: true }
          : { location: [col, row], value: 0, text: '0' },
      )
    }
  }
  return writes
}

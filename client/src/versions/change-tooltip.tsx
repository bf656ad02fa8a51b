import { useCallback, useState } from 'react'
import type { GridMouseEventArgs, Rectangle } from '@glideapps/glide-data-grid'
import type { CellDiff } from '@tandem/shared'
import type { BoardView } from '../plan-view/board-view.js'
import { periodAt } from '../plan-view/board-view.js'
import { changeAt } from '../plan-view/compare-overlay.js'

/** A changed cell's "old → new", in the reader's number format. */
export function changeText(view: Pick<BoardView, 'format'>, change: CellDiff): string {
  return `${view.format.number(change.from)} → ${view.format.number(change.to)}`
}

/** Shows "old → new" under a changed cell while the pointer is over it. */
export function useChangeTooltip(view: BoardView): {
  onItemHovered: (args: GridMouseEventArgs) => void
  tooltip: React.ReactNode
} {
  const [hovered, setHovered] = useState<{ change: CellDiff; bounds: Rectangle }>()
  const onItemHovered = useCallback(
    (args: GridMouseEventArgs) => {
      if (args.kind !== 'cell' || !view.compare) return setHovered(undefined)
      const [col, rowIndex] = args.location
      const period = periodAt(view, col)
      const change =
        period === undefined
          ? undefined
          : changeAt(view.compare, view.layout.rows[rowIndex], period)
      setHovered(change ? { change, bounds: args.bounds } : undefined)
    },
    [view],
  )
  const tooltip = hovered && view.compare && (
    <div
      className="change-tooltip"
      role="tooltip"
      data-testid="change-tooltip"
      style={{ left: hovered.bounds.x, top: hovered.bounds.y + hovered.bounds.height + 2 }}
    >
      {changeText(view, hovered.change)}
    </div>
  )
  return { onItemHovered, tooltip }
}

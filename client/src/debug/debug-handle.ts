import type { RefObject } from 'react'
import type {
  DataEditorRef,
  GridCell,
  GridSelection,
  Item,
  Rectangle,
} from '@glideapps/glide-data-grid'
import type { TandemDebugHandle } from '@tandem/shared'
import type { BoardView } from '../plan-view/board-view.js'
import { columnOfPeriod, FROZEN_COLUMNS } from '../plan-view/board-view.js'
import { rowKey } from '../plan-view/board-row.js'
import type { PlanLive } from '../sync/plan-session.js'
import { changeText } from '../versions/change-tooltip.js'
import { changeAt } from '../plan-view/compare-overlay.js'

interface DebugSources {
  view: BoardView
  live: PlanLive
  gridRef: RefObject<DataEditorRef | null>
  visible: RefObject<Rectangle>
  getCellContent: (cell: Item) => GridCell
  selection: RefObject<GridSelection>
  /** Other people's selected ranges, as drawn. */
  highlights: RefObject<readonly { range: Rectangle }[]>
}

declare global {
  interface Window {
    __tandem?: TandemDebugHandle
  }
}

/** Installs `window.__tandem` with `?debug=1` or in development; returns its removal. */
export function exposeDebugHandle({
  view,
  live,
  gridRef,
  visible,
  getCellContent,
  selection,
  highlights,
}: DebugSources): () => void {
  if (!import.meta.env.DEV && !new URLSearchParams(location.search).has('debug')) return () => {}
  const locate = (row: string, period: number): Item | undefined => {
    const index = view.layout.indexOf.get(row)
    const column = view.axis.bucketOfPeriod[period] ?? period
    return index === undefined ? undefined : [columnOfPeriod(column), index]
  }
  const handle: TandemDebugHandle = {
    currentCell() {
      const cell = selection.current.current?.cell
      const row = cell && view.layout.rows[cell[1]]
      return cell && row ? { row: rowKey(row), col: cell[0] } : undefined
    },
    periodOfColumn(col) {
      return col < FROZEN_COLUMNS ? undefined : view.axis.buckets[col - FROZEN_COLUMNS]?.first
    },
    cellText(row, period) {
      const at = locate(row, period)
      if (!at) return undefined
      const cell = getCellContent(at)
      return 'displayData' in cell ? String(cell.displayData) : undefined
    },
    cellBounds(row, period) {
      const at = locate(row, period)
      return at ? gridRef.current?.getBounds(at[0], at[1]) : undefined
    },
    scrollToCell(row, period) {
      const at = locate(row, period)
      if (at) gridRef.current?.scrollTo(at[0], at[1], 'both', 0, 0, { vAlign: 'center' })
    },
    readCell: (measure, key, period) => live.plan.readCell(measure, key, period),
    visibleRegion() {
      const region = visible.current
      const top = view.layout.rows[region.y]
      return { ...region, topRow: top ? rowKey(top) : undefined }
    },
    rowKeys: () => view.layout.rows.map(rowKey),
    generation: () => live.generation,
    presence: () => Object.fromEntries(live.provider.awareness.getStates()),
    changeAt(row, period) {
      const index = view.layout.indexOf.get(row)
      const change =
        index === undefined ? undefined : changeAt(view.compare, view.layout.rows[index], period)
      return change && changeText(view, change)
    },
    changedCells: () => view.compare?.comparison.cells.length,
    shownVersion: () => view.shownVersion,
    remoteRanges: () => highlights.current.map(({ range }) => ({ ...range })),
  }
  window.__tandem = handle
  return () => {
    if (window.__tandem === handle) delete window.__tandem
  }
}

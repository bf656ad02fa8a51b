import { useMemo } from 'react'
import { buildBoardLayout } from '../plan-view/board-layout.js'
import type { BoardView } from '../plan-view/board-view.js'
import type { RowOptions } from '../plan-view/row-options.js'
import { onlyChangedLayout } from './only-changed-layout.js'
import type { BoardVersions } from './use-board-versions.js'

/**
 * The view the grid paints: the live plan, or an opened version read-only (as a viewer), with a
 * comparison's changed cells marked and, when asked, only the rows that changed.
 */
export function useVersionedView(
  view: BoardView,
  versions: BoardVersions,
  options: RowOptions,
): BoardView {
  const { opened, overlay } = versions
  return useMemo(() => {
    let shown = view
    if (opened) {
      shown = {
        ...view,
        plan: opened.plan,
        model: opened.model,
        meta: opened.plan.readMeta(),
        layout: buildBoardLayout(opened.plan, opened.model, options),
        role: 'viewer',
        shownVersion: opened.version.name,
      }
    }
    if (!overlay) return shown
    const layout = overlay.changedOnly ? onlyChangedLayout(shown.layout, overlay) : shown.layout
    return { ...shown, layout, compare: overlay }
  }, [view, opened, overlay, options])
}

import { useCallback, useState } from 'react'
import type {
  DataEditorRef,
  GridMouseEventArgs,
  GridSelection,
  Rectangle,
} from '@glideapps/glide-data-grid'
import type { RefObject } from 'react'
import type { BoardView } from '../plan-view/board-view.js'
import { baselineExplanation } from './baseline-explanation.js'

/** The tooltip's widest extent (px): it wraps rather than leaving the window. */
const TOOLTIP_WIDTH = 420

/**
 * Says how a Statistical forecast cell was made, under the hovered cell, else the focused one
 * (announced through a live region for keyboard users).
 */
export function useBaselineTooltip(
  view: BoardView,
  selection: GridSelection,
  gridRef: RefObject<DataEditorRef | null>,
): { onItemHovered: (args: GridMouseEventArgs) => void; tooltip: React.ReactNode } {
  const [hovered, setHovered] = useState<{ text: string; bounds: Rectangle }>()
  const onItemHovered = useCallback(
    (args: GridMouseEventArgs) => {
      if (args.kind !== 'cell') return setHovered(undefined)
      const text = baselineExplanation(view, args.location)
      setHovered(text ? { text, bounds: args.bounds } : undefined)
    },
    [view],
  )
  let shown = hovered
  const focused = selection.current?.cell
  if (!shown && focused) {
    const text = baselineExplanation(view, focused)
    const bounds = text && gridRef.current?.getBounds(focused[0], focused[1])
    if (text && bounds) shown = { text, bounds }
  }
  const tooltip = (
    <div className="gap-tooltip-region" aria-live="polite">
      {shown && (
        <div
          className="change-tooltip gap-tooltip baseline-tooltip"
          role="tooltip"
          data-testid="baseline-tooltip"
          style={{
            left: Math.max(0, Math.min(shown.bounds.x, window.innerWidth - TOOLTIP_WIDTH - 8)),
            top: shown.bounds.y + shown.bounds.height + 2,
          }}
        >
          {shown.text}
        </div>
      )}
    </div>
  )
  return { onItemHovered, tooltip }
}

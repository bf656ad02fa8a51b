import { useCallback, useState } from 'react'
import type {
  DataEditorRef,
  GridMouseEventArgs,
  GridSelection,
  Rectangle,
} from '@glideapps/glide-data-grid'
import type { RefObject } from 'react'
import type { BoardView } from '../plan-view/board-view.js'
import { gapExplanationAt, gapExplanationText } from './gap-explanation-at.js'

/**
 * Explains a coloured cell in words under it: the hovered cell, else the focused one (so a
 * keyboard user hears it too, through the live region).
 */
export function useGapTooltip(
  view: BoardView,
  selection: GridSelection,
  gridRef: RefObject<DataEditorRef | null>,
): { onItemHovered: (args: GridMouseEventArgs) => void; tooltip: React.ReactNode } {
  const [hovered, setHovered] = useState<{ text: string; bounds: Rectangle }>()
  const onItemHovered = useCallback(
    (args: GridMouseEventArgs) => {
      if (args.kind !== 'cell') return setHovered(undefined)
      const explanation = gapExplanationAt(view, args.location)
      setHovered(
        explanation
          ? { text: gapExplanationText(view, explanation), bounds: args.bounds }
          : undefined,
      )
    },
    [view],
  )
  let shown = hovered
  const focused = selection.current?.cell
  if (!shown && focused) {
    const explanation = gapExplanationAt(view, focused)
    const bounds = explanation && gridRef.current?.getBounds(focused[0], focused[1])
    if (explanation && bounds) shown = { text: gapExplanationText(view, explanation), bounds }
  }
  const tooltip = (
    <div className="gap-tooltip-region" aria-live="polite">
      {shown && (
        <div
          className="change-tooltip gap-tooltip"
          role="tooltip"
          data-testid="gap-tooltip"
          data-source={hovered ? 'hover' : 'focus'}
          style={{ left: shown.bounds.x, top: shown.bounds.y + shown.bounds.height + 2 }}
        >
          {shown.text}
        </div>
      )}
    </div>
  )
  return { onItemHovered, tooltip }
}

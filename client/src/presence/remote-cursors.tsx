import type { ReactNode, RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type { DataEditorRef } from '@glideapps/glide-data-grid'
import type { TimeAxis } from '../plan-view/time-axis.js'
import { pointerColumn } from './pointer-column.js'
import type { Peer } from './presence-state.js'

interface RemoteCursorsProps {
  peers: Peer[]
  indexOf: Map<string, number>
  /** My time columns: a cursor at another grain is drawn on the column holding its period. */
  axis: TimeAxis
  gridRef: RefObject<DataEditorRef | null>
  container: RefObject<HTMLDivElement | null>
  /** Changes whenever the grid scrolls, so that outlines follow their cells. */
  scrollTick: number
  frozenColumns: number
  frozenWidth: number
  headerHeight: number
}

/**
 * Other people's focused cells, outlined in their colour with a name tag, drawn over the canvas
 * grid at the cells' bounds. A pencil marks a person who is typing.
 */
export function RemoteCursors(props: RemoteCursorsProps) {
  const { peers, indexOf, axis, gridRef, container, frozenColumns, frozenWidth, headerHeight } =
    props
  const { t } = useTranslation()
  const grid = gridRef.current
  const box = container.current?.getBoundingClientRect()
  if (!grid || !box) return null
  const frozen: ReactNode[] = []
  const scrolling: ReactNode[] = []
  for (const { clientId, state } of peers) {
    const cursor = state.cursor
    const row = cursor ? indexOf.get(cursor.row) : undefined
    if (!cursor || row === undefined) continue
    const col = pointerColumn(axis, cursor)
    const bounds = grid.getBounds(col, row)
    if (!bounds) continue
    const inFrozen = col < frozenColumns
    const left = bounds.x - box.left - (inFrozen ? 0 : frozenWidth)
    const top = bounds.y - box.top - headerHeight
    const visible =
      top + bounds.height > 0 && top < box.height - headerHeight && left + bounds.width > 0
    if (!visible) continue
    const { name, colour } = state.user
    const outline = (
      <div
        key={clientId}
        className={state.editing ? 'remote-cursor editing' : 'remote-cursor'}
        data-testid="remote-cursor"
        data-name={name}
        data-row={cursor.row}
        data-col={col}
        style={{ left, top, width: bounds.width, height: bounds.height, borderColor: colour }}
      >
        <span
          className={top < 16 ? 'remote-tag below' : 'remote-tag'}
          style={{ background: colour }}
          title={state.editing ? t('presence.typing', { name }) : name}
        >
          {name}
          {state.editing && (
            <span className="typing-marker" data-testid="typing-marker">
              {' ✎'}
            </span>
          )}
        </span>
      </div>
    )
    ;(inFrozen ? frozen : scrolling).push(outline)
  }
  return (
    <>
      <div className="remote-cursors" style={{ top: headerHeight, left: 0, width: frozenWidth }}>
        {frozen}
      </div>
      <div className="remote-cursors" style={{ top: headerHeight, left: frozenWidth, right: 0 }}>
        {scrolling}
      </div>
    </>
  )
}

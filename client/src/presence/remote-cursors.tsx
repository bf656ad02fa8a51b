import type { RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type { DataEditorRef } from '@glideapps/glide-data-grid'
import type { Peer } from './presence-state.js'

interface RemoteCursorsProps {
  peers: Peer[]
  indexOf: Map<string, number>
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
  const { peers, indexOf, gridRef, container, frozenColumns, frozenWidth, headerHeight } = props
  const { t } = useTranslation()
  const grid = gridRef.current
  const box = container.current?.getBoundingClientRect()
  if (!grid || !box) return null
  return (
    <div className="remote-cursors" aria-hidden="false">
      {peers.map(({ clientId, state }) => {
        const cursor = state.cursor
        const row = cursor ? indexOf.get(cursor.row) : undefined
        if (!cursor || row === undefined) return null
        const bounds = grid.getBounds(cursor.col, row)
        if (!bounds) return null
        const left = bounds.x - box.left
        const top = bounds.y - box.top
        const hidden =
          top < headerHeight - 1 ||
          top + bounds.height > box.height ||
          left + bounds.width > box.width ||
          (cursor.col >= frozenColumns && left < frozenWidth - 1)
        if (hidden) return null
        const { name, colour } = state.user
        return (
          <div
            key={clientId}
            className={state.editing ? 'remote-cursor editing' : 'remote-cursor'}
            data-testid="remote-cursor"
            data-name={name}
            data-row={cursor.row}
            data-col={cursor.col}
            style={{ left, top, width: bounds.width, height: bounds.height, borderColor: colour }}
          >
            <span
              className="remote-tag"
              style={{ background: colour }}
              title={state.editing ? t('presence.typing', { name }) : name}
            >
              {name}
              {state.editing && <span className="typing-marker" data-testid="typing-marker"> ✎</span>}
            </span>
          </div>
        )
      })}
    </div>
  )
}

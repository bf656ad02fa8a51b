import type { GridColumn } from '@glideapps/glide-data-grid'

/** Sizes the follower's grid is drawn with. */
export interface GridGeometry {
  columns: readonly GridColumn[]
  frozenColumns: number
  rowHeight: number
  headerHeight: number
}

/**
 * Scrolls a follower so that the presenter's top-left cell is at its top-left, then just enough
 * further that the presenter's focused cell is in view too; one scroll, in pixels, so that the
 * grid never works from a stale position. Returns false when the grid's scroller is not found.
 */
export function followScroll(
  container: HTMLElement,
  geometry: GridGeometry,
  viewport: { row: number; col: number } | undefined,
  cursor: { row: number; col: number },
): boolean {
  const scroller = container.querySelector<HTMLElement>('.dvn-scroller')
  if (!scroller) return false
  const { columns, frozenColumns, rowHeight, headerHeight } = geometry
  const left = (col: number) => {
    let x = 0
    for (let c = frozenColumns; c < col; c++) x += width(columns[c])
    return x
  }
  let frozenWidth = 0
  for (let c = 0; c < frozenColumns; c++) frozenWidth += width(columns[c])
  const viewWidth = scroller.clientWidth - frozenWidth
  const viewHeight = scroller.clientHeight - headerHeight
  let y = (viewport?.row ?? cursor.row) * rowHeight
  let x = left(Math.max(frozenColumns, viewport?.col ?? cursor.col))
  const cursorTop = cursor.row * rowHeight
  if (cursorTop + rowHeight > y + viewHeight) y = cursorTop + rowHeight - viewHeight
  if (cursorTop < y) y = cursorTop
  if (cursor.col >= frozenColumns) {
    const cursorLeft = left(cursor.col)
    const cursorRight = cursorLeft + width(columns[cursor.col])
    if (cursorRight > x + viewWidth) x = cursorRight - viewWidth
    if (cursorLeft < x) x = cursorLeft
  }
  scroller.scrollTo({ top: Math.max(0, y), left: Math.max(0, x), behavior: 'instant' })
  return true
}

function width(column: GridColumn | undefined): number {
  return column && 'width' in column ? column.width : 0
}

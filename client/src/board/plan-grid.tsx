import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type {
  DataEditorRef,
  DrawCellCallback,
  GridCell,
  GridMouseEventArgs,
  GridSelection,
  Item,
  Rectangle,
} from '@glideapps/glide-data-grid'
import { DataEditor, GridCellKind } from '@glideapps/glide-data-grid'
import type { Peer } from '../presence/presence-state.js'
import { EditingContext } from '../presence/editing-context.js'
import type { ConflictTracker } from '../conflicts/conflict-tracker.js'
import { publishPresence } from '../presence/publish-presence.js'
import { followScroll } from './follow-scroll.js'
import { RemoteCursors } from '../presence/remote-cursors.js'
import { pointerAt, pointerColumn, rangeAt, rangeColumns } from '../presence/pointer-column.js'
import { shade } from '../identity/person-colour.js'
import type { PlanLive, PlanSession } from '../sync/plan-session.js'
import type { BoardRow } from '../plan-view/board-row.js'
import { rowKey } from '../plan-view/board-row.js'
import { boardColumns } from './board-columns.js'
import type { BoardView } from '../plan-view/board-view.js'
import { FROZEN_COLUMNS } from '../plan-view/board-view.js'
import { makeCellContent } from './cell-content.js'
import { CellEditor } from './cell-editor.js'
import { affectedCells } from './affected-cells.js'
import type { Notify } from '../notices/use-notices.js'
import type { JumpRequest } from '../plan-view/jump-request.js'
import { exposeDebugHandle } from '../debug/debug-handle.js'
import { EMPTY_SELECTION, singleCell } from '../plan-view/grid-selection.js'
import { useGridEditing } from './use-grid-editing.js'
import { markTiming } from '../sync/mark-timing.js'
import { useChangeTooltip } from '../versions/change-tooltip.js'
import { useGapTooltip } from './gap-tooltip.js'
import { useBaselineTooltip } from '../forecast/baseline-tooltip.js'
import { drawCornerMark } from '../comments/draw-corner-mark.js'
import type { SkuSort } from '../plan-view/sku-sort.js'
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from '../plan-view/view-state.js'

interface PlanGridProps {
  view: BoardView
  session: PlanSession
  live: PlanLive
  peers: Peer[]
  following: Peer | undefined
  onStopFollowing: () => void
  jump: JumpRequest | undefined
  notify: Notify
  onFocusRow: (row: BoardRow | undefined) => void
  /** Rebuild the layout: a filtered SKU gained or lost its gaps, or SKUs were added. */
  onRelayout: () => void
  /** How many comment threads a cell has, for its corner mark. */
  threadCountAt?: (cell: Item) => number
  /** The context menu was asked for on a cell, at a point in client coordinates. */
  onCellMenu?: (cell: Item, x: number, y: number) => void
  /** The comment shortcut (Ctrl+Alt+M) was pressed on the current cell. */
  onCommentShortcut?: (cell: Item) => void
  /** A period header's menu was asked for (its menu button or a right-click), at a point. */
  onPeriodMenu?: (period: number, x: number, y: number) => void
  /** Conflicts between my values and others', which an open editor shows as they happen. */
  conflicts?: ConflictTracker
  /** The grid's selection, whenever it changes (accepting the baseline for a range). */
  onSelection?: (selection: GridSelection) => void
  /** My widths, the frozen column count and the sort, from my view state. */
  arrangement: GridArrangement
  /** A column header was clicked (not its menu button or its edge). */
  onHeaderClick?: (col: number) => void
  /** A column was resized to a width, by its id. */
  onColumnWidth?: (id: string, width: number) => void
  /** `/` was pressed on the grid: go to the search box. */
  onSearchKey?: () => void
  /** Changes when the grid should take the keyboard focus back (the search box was left). */
  focusRequest?: number
}

/** How a person arranged the grid's columns. */
export interface GridArrangement {
  sort: SkuSort | undefined
  widths: Readonly<Record<string, number>>
  frozenColumns: number
}

const GROUP_HEADER_HEIGHT = 26
const HEADER_HEIGHT = 34
const ROW_HEIGHT = 30
/** Marked once per page load, the frame after the grid first asked for a cell with data. */
const PAINTED = 'tandem:grid-painted'
const isPaintMarked = () => performance.getEntriesByName(PAINTED, 'mark').length > 0

/** The plan grid: lazy cells from the model, Excel-like editing, presence drawn on top. */
export function PlanGrid(props: PlanGridProps) {
  const { view, session, live, peers, following, notify, onFocusRow, onRelayout } = props
  const gridRef = useRef<DataEditorRef>(null)
  const container = useRef<HTMLDivElement>(null)
  const visible = useRef<Rectangle>({ x: FROZEN_COLUMNS, y: 0, width: 0, height: 0 })
  const [selection, setSelection] = useState<GridSelection>(EMPTY_SELECTION)
  const [scrollTick, setScrollTick] = useState(0)
  const awareness = live.provider.awareness
  const { onPeriodMenu, arrangement } = props
  const { sort, widths } = arrangement
  const columns = useMemo(
    () =>
      boardColumns(view.meta, view.format, view.t, {
        axis: view.axis,
        sort,
        widths,
        periodMenu: onPeriodMenu !== undefined,
      }),
    [view.meta, view.format, view.t, view.axis, sort, widths, onPeriodMenu],
  )
  const frozenColumns = Math.min(arrangement.frozenColumns, columns.length)
  const frozenWidth = useMemo(
    () => columns.slice(0, frozenColumns).reduce((sum, c) => sum + ('width' in c ? c.width : 0), 0),
    [columns, frozenColumns],
  )
  /** A period header's menu is for one plan period: the last one of a rolled-up column. */
  const periodOfMenu = useCallback(
    (col: number) => {
      const bucket = view.axis.buckets[col - FROZEN_COLUMNS]
      return view.axis.rolled ? bucket.last : col - FROZEN_COLUMNS
    },
    [view.axis],
  )

  const getCellContent = useMemo(() => {
    const read = makeCellContent(view)
    if (view.layout.rows.length === 0 || isPaintMarked()) return read
    let marking = false
    return (cell: Item): GridCell => {
      if (!marking) {
        marking = true
        requestAnimationFrame(() => !isPaintMarked() && performance.mark(PAINTED))
      }
      return read(cell)
    }
  }, [view])

  const { onSelection } = props
  useEffect(() => onSelection?.(selection), [onSelection, selection])

  const { onCellsEdited, onPaste, onKeyDown, explainReadOnly, editing } = useGridEditing({
    view,
    session,
    live,
    notify,
    columnCount: columns.length,
    selection,
    setSelection,
    conflicts: props.conflicts,
  })

  const onSelectionChange = useCallback(
    (next: GridSelection) => {
      setSelection(next)
      const current = next.current
      const row = current ? view.layout.rows[current.cell[1]] : undefined
      onFocusRow(row)
      if (!current || !row) {
        publishPresence(awareness, 'cursor', undefined)
        publishPresence(awareness, 'selection', undefined)
        return
      }
      const { range } = current
      const top = view.layout.rows[range.y]
      const bottom = view.layout.rows[range.y + range.height - 1]
      publishPresence(awareness, 'cursor', pointerAt(view.axis, rowKey(row), current.cell[0]))
      publishPresence(
        awareness,
        'selection',
        top && bottom && range.width * range.height > 1
          ? rangeAt(view.axis, rowKey(top), rowKey(bottom), range.x, range.width)
          : undefined,
      )
    },
    [awareness, onFocusRow, view.layout.rows, view.axis],
  )

  const onVisibleRegionChanged = useCallback(
    ({ x, y, width, height }: Rectangle) => {
      const range = { x, y, width, height }
      const previous = visible.current
      visible.current = range
      setScrollTick((tick) => tick + 1)
      const top = view.layout.rows[range.y]
      if (top && (previous.x !== range.x || previous.y !== range.y)) {
        publishPresence(awareness, 'viewport', pointerAt(view.axis, rowKey(top), range.x))
      }
    },
    [awareness, view.layout.rows, view.axis],
  )

  const highlightRegions = useMemo(
    () =>
      peers.flatMap(({ state }) => {
        const from = state.selection && view.layout.indexOf.get(state.selection.from)
        const to = state.selection && view.layout.indexOf.get(state.selection.to)
        if (!state.selection || from === undefined || to === undefined) return []
        const y = Math.min(from, to)
        const range = {
          ...rangeColumns(view.axis, state.selection),
          y,
          height: Math.abs(to - from) + 1,
        }
        return [{ color: shade(state.user.colour, 0.18), range }]
      }),
    [peers, view.layout.indexOf, view.axis],
  )

  useEffect(
    () =>
      live.model.onChange((change) => {
        view.layout.rollUps.invalidate(change)
        const result = affectedCells(view, change, visible.current, columns.length)
        if (result === 'relayout') onRelayout()
        else if (result.length > 0) {
          gridRef.current?.updateCells(result)
          requestAnimationFrame(() => markTiming('tandem:repaint'))
        }
      }),
    [live.model, view, columns.length, onRelayout],
  )

  const moveTo = useCallback(
    (pointer: { row: string; col: number }, align: 'start' | 'center', select: boolean) => {
      const row = view.layout.indexOf.get(pointer.row)
      if (row === undefined) return
      const col = pointerColumn(view.axis, pointer)
      gridRef.current?.scrollTo(col, row, 'both', 0, 0, { hAlign: align, vAlign: align })
      if (select) onSelectionChange({ ...EMPTY_SELECTION, current: singleCell(col, row) })
    },
    [onSelectionChange, view.layout.indexOf, view.axis],
  )

  // Each request moves once, as soon as the layout has its row: a later relayout (a grouping,
  // a sort, a new grain) must not pull the person back to where a search or link once took them.
  const jumped = useRef<JumpRequest>(undefined)
  useEffect(() => {
    const request = props.jump
    if (!request || jumped.current === request) return
    if (!view.layout.indexOf.has(request.pointer.row)) return
    jumped.current = request
    moveTo(request.pointer, 'center', true)
  }, [props.jump, moveTo, view.layout.indexOf])

  const followed = following
    ? JSON.stringify({ viewport: following.state.viewport, cursor: following.state.cursor })
    : undefined
  useEffect(() => {
    if (!followed) return
    const { viewport, cursor } = JSON.parse(followed) as Pick<Peer['state'], 'viewport' | 'cursor'>
    const { indexOf } = view.layout
    const top = viewport && indexOf.get(viewport.row)
    const row = cursor && indexOf.get(cursor.row)
    const target =
      cursor && row !== undefined ? { row, col: pointerColumn(view.axis, cursor) } : undefined
    const start =
      viewport && top !== undefined
        ? { row: top, col: pointerColumn(view.axis, viewport) }
        : undefined
    const focus = target ?? start
    if (!focus) return
    if (target) setSelection({ ...EMPTY_SELECTION, current: singleCell(target.col, target.row) })
    const geometry = {
      columns,
      frozenColumns,
      rowHeight: ROW_HEIGHT,
      headerHeight: GROUP_HEADER_HEIGHT + HEADER_HEIGHT,
    }
    if (!container.current || !followScroll(container.current, geometry, start, focus)) {
      gridRef.current?.scrollTo(focus.col, focus.row, 'both', 0, 0)
    }
  }, [followed, view.layout, view.axis, columns, frozenColumns])

  const selectionRef = useRef(selection)
  selectionRef.current = selection
  const highlightsRef = useRef(highlightRegions)
  highlightsRef.current = highlightRegions
  useEffect(
    () =>
      exposeDebugHandle({
        view,
        live,
        gridRef,
        visible,
        getCellContent,
        selection: selectionRef,
        highlights: highlightsRef,
      }),
    [view, live, getCellContent],
  )

  const change = useChangeTooltip(view)
  const gap = useGapTooltip(view, selection, gridRef)
  const baseline = useBaselineTooltip(view, selection, gridRef)
  const onItemHovered = useCallback(
    (args: GridMouseEventArgs) => {
      change.onItemHovered(args)
      gap.onItemHovered(args)
      baseline.onItemHovered(args)
    },
    [change, gap, baseline],
  )
  const tooltip = (
    <>
      {change.tooltip}
      {!view.compare && gap.tooltip}
      {!view.compare && baseline.tooltip}
    </>
  )

  const stopFollowing = following ? props.onStopFollowing : undefined
  const { threadCountAt, onCellMenu, onCommentShortcut } = props
  const drawCell = useMemo<DrawCellCallback | undefined>(
    () =>
      threadCountAt &&
      ((args, drawContent) => {
        drawContent()
        const count = threadCountAt([args.col, args.row])
        if (count > 0) drawCornerMark(args.ctx, args.rect, count)
      }),
    [threadCountAt],
  )
  useEffect(() => {
    if (!threadCountAt) return
    const { x, y, width, height } = visible.current
    const cells: { cell: Item }[] = []
    for (let row = y; row < y + height; row++)
      for (let col = 0; col < x + width; col++) cells.push({ cell: [col, row] })
    gridRef.current?.updateCells(cells)
  }, [threadCountAt])
  const { focusRequest, onSearchKey, onHeaderClick, onColumnWidth } = props
  useEffect(() => {
    if (focusRequest) gridRef.current?.focus()
  }, [focusRequest])
  const onKeyDownCapture = (event: React.KeyboardEvent) => {
    stopFollowing?.()
    const current = selection.current
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey
    if (onSearchKey && plain && event.key === '/') {
      event.preventDefault()
      event.stopPropagation()
      onSearchKey()
      return
    }
    if (onCommentShortcut && current && event.ctrlKey && event.altKey && event.code === 'KeyM') {
      event.preventDefault()
      event.stopPropagation()
      onCommentShortcut(current.cell)
    }
    const menuKey = event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')
    if (!onCellMenu || !current || !menuKey) return
    const bounds = gridRef.current?.getBounds(current.cell[0], current.cell[1])
    if (bounds) {
      event.preventDefault()
      event.stopPropagation()
      onCellMenu(current.cell, bounds.x + bounds.width / 2, bounds.y + bounds.height / 2)
    }
  }
  return (
    <div
      className="grid-container"
      ref={container}
      data-testid="plan-grid"
      onWheelCapture={stopFollowing}
      onMouseDownCapture={stopFollowing}
      onKeyDownCapture={onKeyDownCapture}
      onTouchStartCapture={stopFollowing}
    >
      <EditingContext.Provider value={editing}>
        <DataEditor
          ref={gridRef}
          width="100%"
          height="100%"
          columns={columns}
          rows={view.layout.rows.length}
          rowHeight={ROW_HEIGHT}
          headerHeight={HEADER_HEIGHT}
          groupHeaderHeight={GROUP_HEADER_HEIGHT}
          freezeColumns={frozenColumns}
          getCellContent={getCellContent}
          getCellsForSelection={true}
          gridSelection={selection}
          onGridSelectionChange={onSelectionChange}
          onCellsEdited={onCellsEdited}
          onPaste={onPaste}
          onKeyDown={onKeyDown}
          onCellActivated={(cell) => explainReadOnly(cell)}
          onItemHovered={onItemHovered}
          drawCell={drawCell}
          onCellContextMenu={(cell, event) => {
            if (!onCellMenu) return
            event.preventDefault()
            onCellMenu(cell, event.bounds.x + event.localEventX, event.bounds.y + event.localEventY)
          }}
          onHeaderMenuClick={(col, bounds) =>
            col >= FROZEN_COLUMNS &&
            onPeriodMenu?.(periodOfMenu(col), bounds.x, bounds.y + bounds.height)
          }
          onHeaderClicked={(col, event) => {
            // The menu button sits at the right end of a period header; it opens the menu only.
            const onMenu = onPeriodMenu && col >= FROZEN_COLUMNS
            if (onMenu && event.localEventX > event.bounds.width - MENU_BUTTON_WIDTH) return
            onHeaderClick?.(col)
          }}
          onColumnResize={(column, width) => {
            if (column.id) onColumnWidth?.(column.id, width)
          }}
          minColumnWidth={MIN_COLUMN_WIDTH}
          maxColumnWidth={MAX_COLUMN_WIDTH}
          onHeaderContextMenu={(col, event) => {
            if (!onPeriodMenu || col < FROZEN_COLUMNS) return
            event.preventDefault()
            onPeriodMenu(
              periodOfMenu(col),
              event.bounds.x + event.localEventX,
              event.bounds.y + event.localEventY,
            )
          }}
          onVisibleRegionChanged={onVisibleRegionChanged}
          provideEditor={(cell) =>
            cell.kind === GridCellKind.Number
              ? { editor: CellEditor as never, disablePadding: true, disableStyling: false }
              : undefined
          }
          highlightRegions={highlightRegions}
          keybindings={KEYBINDINGS}
          fillHandle={true}
          rangeSelect="rect"
          columnSelect="none"
          rowSelect="none"
          rowMarkers="none"
          smoothScrollX={true}
          smoothScrollY={true}
          fixedShadowX={true}
          fixedShadowY={true}
          theme={GRID_THEME}
        />
      </EditingContext.Provider>
      <RemoteCursors
        peers={peers}
        indexOf={view.layout.indexOf}
        axis={view.axis}
        gridRef={gridRef}
        container={container}
        scrollTick={scrollTick}
        frozenColumns={frozenColumns}
        frozenWidth={frozenWidth}
        headerHeight={GROUP_HEADER_HEIGHT + HEADER_HEIGHT}
      />
      {tooltip}
    </div>
  )
}

/** Fill down and right as in Excel, F2 edits, Delete is ours (use-grid-editing), no grid search. */
const KEYBINDINGS = {
  downFill: true,
  rightFill: true,
  search: false,
  delete: false,
  activateCell: ' |Enter|shift+Enter|F2',
}

const MENU_BUTTON_WIDTH = 30

const GRID_THEME = {
  accentColor: '#1f4e79',
  accentLight: 'rgba(31, 78, 121, 0.12)',
  fontFamily: 'Inter, "Noto Sans CJK SC", "Noto Sans SC", system-ui, sans-serif',
  headerFontStyle: '600 12px',
  baseFontStyle: '13px',
  bgHeader: '#f8fafc',
  borderColor: 'rgba(115, 125, 140, 0.18)',
}

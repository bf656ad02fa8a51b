import { useCallback, useMemo } from 'react'
import type { GridSelection } from '@glideapps/glide-data-grid'
import type { TimeGrain } from '@tandem/shared'
import type { BoardView } from '../plan-view/board-view.js'
import { FROZEN_COLUMNS, LABEL_COLUMN_IDS } from '../plan-view/board-view.js'
import type { SkuSort, SortMeasure, SortRequest } from '../plan-view/sku-sort.js'
import { nextSort, SORT_MEASURES } from '../plan-view/sku-sort.js'
import type { ViewState } from '../plan-view/view-state.js'
import type { GridArrangement } from './plan-grid.js'

type SetViewState = (change: (state: ViewState) => ViewState) => void

function withSort(state: ViewState, sort: SkuSort | undefined): ViewState {
  const rest = { ...state }
  delete rest.sort
  return sort ? { ...rest, sort } : rest
}

/**
 * What a person does to the grid's columns: sort by a header (name, gap count, a period's value
 * of the selected row's measure, demand by default), resize, choose how many stay in place and
 * the time grain. Every change lands in the view state.
 */
export function useArrangement(
  state: ViewState,
  setState: SetViewState,
  view: BoardView,
  selection: () => GridSelection,
) {
  const sortByColumn = useCallback(
    (col: number) => {
      const request = sortRequestAt(view, col, selection())
      if (request) setState((s) => withSort(s, nextSort(s.sort, request)))
    },
    [view, selection, setState],
  )
  const clearSort = useCallback(() => setState((s) => withSort(s, undefined)), [setState])
  const setWidth = useCallback(
    (id: string, width: number) =>
      setState((s) => ({ ...s, columnWidths: { ...s.columnWidths, [id]: Math.round(width) } })),
    [setState],
  )
  const setFrozenColumns = useCallback(
    (frozenColumns: number) => setState((s) => ({ ...s, frozenColumns })),
    [setState],
  )
  const setGrain = useCallback((grain: TimeGrain) => setState((s) => ({ ...s, grain })), [setState])
  const { sort, columnWidths, frozenColumns } = state
  const grid = useMemo<GridArrangement>(
    () => ({ sort, widths: columnWidths, frozenColumns }),
    [sort, columnWidths, frozenColumns],
  )
  return { grid, sortByColumn, clearSort, setWidth, setFrozenColumns, setGrain }
}

/** What clicking the header of column `col` sorts by, if it sorts. */
export function sortRequestAt(
  view: Pick<BoardView, 'axis' | 'layout'>,
  col: number,
  selection: GridSelection,
): SortRequest | undefined {
  if (col < FROZEN_COLUMNS) {
    const id = LABEL_COLUMN_IDS[col]
    return id === 'name' || id === 'gaps' ? { by: id } : undefined
  }
  const bucket = view.axis.buckets[col - FROZEN_COLUMNS]
  if (!bucket) return undefined
  const row = selection.current ? view.layout.rows[selection.current.cell[1]] : undefined
  const selected = row && row.kind !== 'resource' ? row.measure : undefined
  const measure: SortMeasure =
    SORT_MEASURES.find((m) => m === selected) ?? (selected === 'gap' ? 'projected' : 'demand')
  return { by: 'period', period: bucket.first, measure }
}

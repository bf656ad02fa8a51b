import { columnOfPeriod, FROZEN_COLUMNS, periodOfColumn } from '../plan-view/board-view.js'
import type { TimeAxis } from '../plan-view/time-axis.js'
import type { CellPointer, RangePointer } from './presence-state.js'

/**
 * A pointer to the column `col` of a grid shown on `axis`: with the plan period under it (the
 * first period of a rolled-up column), so a board at another time grain finds its own column.
 */
export function pointerAt(axis: TimeAxis, row: string, col: number): CellPointer {
  const period = col >= FROZEN_COLUMNS ? axis.buckets[periodOfColumn(col)]?.first : undefined
  return period === undefined ? { row, col } : { row, col, period }
}

/**
 * The column of my grid a pointer from another board lands on: the column holding its plan
 * period (a remote week cursor lands on the month or quarter that holds the week), or its column
 * as published when it names no period (a label column, or an older client).
 */
export function pointerColumn(axis: TimeAxis, pointer: CellPointer): number {
  const { period } = pointer
  if (typeof period !== 'number' || !Number.isInteger(period)) return pointer.col
  const bucket = axis.bucketOfPeriod[period]
  return bucket === undefined ? pointer.col : columnOfPeriod(bucket)
}

/** A range from `col`, `width` columns wide, on `axis`: with the plan periods it covers. */
export function rangeAt(
  axis: TimeAxis,
  from: string,
  to: string,
  col: number,
  width: number,
): RangePointer {
  const first = col >= FROZEN_COLUMNS ? axis.buckets[periodOfColumn(col)]?.first : undefined
  const last = axis.buckets[periodOfColumn(col + width - 1)]?.last
  return first === undefined || last === undefined
    ? { from, to, col, width }
    : { from, to, col, width, periods: { first, last } }
}

/**
 * The columns of my grid a range from another board covers: from the column holding its first
 * period to the one holding its last (a remote range of weeks lights the months that hold
 * them), or its columns as published when it names no periods.
 */
export function rangeColumns(axis: TimeAxis, range: RangePointer): { x: number; width: number } {
  const bucketOf = (period: unknown) =>
    typeof period === 'number' && Number.isInteger(period) ? axis.bucketOfPeriod[period] : undefined
  const first = bucketOf(range.periods?.first)
  const last = bucketOf(range.periods?.last)
  if (first === undefined || last === undefined || last < first)
    return { x: range.col, width: range.width }
  return { x: columnOfPeriod(first), width: last - first + 1 }
}

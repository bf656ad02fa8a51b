import { columnOfPeriod, FROZEN_COLUMNS, periodOfColumn } from '../plan-view/board-view.js'
import type { TimeAxis } from '../plan-view/time-axis.js'
import type { CellPointer } from './presence-state.js'

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

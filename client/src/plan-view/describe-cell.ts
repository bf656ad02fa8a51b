import type { BoardView } from './board-view.js'

/** What naming a cell needs: words, formats and the horizon. */
export type CellNaming = Pick<BoardView, 't' | 'format' | 'meta' | 'role'>

/** A cell named in the reader's language: "Demand forecast of SKU-00001, W49 · Nov 30". */
export function describeCell(
  view: CellNaming,
  measure: string,
  key: string,
  period: number,
): string {
  const { t, format, meta } = view
  const periodLabel =
    Number.isInteger(period) && period >= 0 && period < meta.periodCount
      ? format.period(meta.periodKind, meta.firstPeriod, period)
      : String(period)
  const measureLabel = ['demand', 'supply', 'capacity', 'projected', 'gap', 'load'].includes(
    measure,
  )
    ? t(`measure.${measure}`)
    : measure
  return t('cell.name', { measure: measureLabel, key, period: periodLabel })
}

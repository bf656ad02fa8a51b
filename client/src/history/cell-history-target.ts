import type { Measure } from '@tandem/shared'

/** The cell whose history is asked for, with the words that name it on screen. */
export interface CellHistoryTarget {
  measure: Measure
  key: string
  period: number
  label: string
}

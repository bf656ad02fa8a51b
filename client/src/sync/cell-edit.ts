import type { Measure } from '@tandem/shared'

/** One cell write: `value` undefined removes the overlay entry, so the base value shows again. */
export interface CellEdit {
  measure: Measure
  key: string
  period: number
  value: number | undefined
}

export function cellEditKey(edit: Pick<CellEdit, 'measure' | 'key' | 'period'>): string {
  return `${edit.measure}\u0000${edit.key}\u0000${edit.period}`
}

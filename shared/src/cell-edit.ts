import type { Measure } from './roots.js'

/** One cell write: `value` undefined removes the overlay entry, so the base value shows again. */
export interface CellEdit {
  measure: Measure
  key: string
  period: number
  value: number | undefined
}

/** A cell's place as one string, the same for every edit of that cell. */
export function cellEditKey(edit: { measure: string; key: string; period: number }): string {
  return `${edit.measure}\u0000${edit.key}\u0000${edit.period}`
}

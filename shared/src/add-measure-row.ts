import * as Y from 'yjs'
import type { PlanDoc } from './plan-doc.js'
import type { Measure } from './roots.js'

/**
 * Creates one measure row whole: a base of `count` values (missing ones 0) and an empty overlay.
 * Rows are created once, by whoever creates the row, never lazily by the first editor.
 */
export function addMeasureRow(
  plan: PlanDoc,
  measure: Measure,
  key: string,
  values: number[] | undefined,
  count: number,
): void {
  const base = new Y.Array<number>()
  const filled = new Array<number>(count)
  for (let p = 0; p < count; p++) filled[p] = values?.[p] ?? 0
  base.insert(0, filled)
  const row = new Y.Map<unknown>()
  row.set('base', base)
  row.set('edits', new Y.Map<number>())
  plan.measureRoot(measure).set(key, row)
}

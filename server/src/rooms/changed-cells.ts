import * as Y from 'yjs'
import type { PlanDoc } from '@tandem/shared'
import { isMeasure } from '@tandem/shared'
import type { CellChange } from '../store/plan-store.js'

/**
 * The cells a transaction set, with their values after it: every changed key of a row's
 * `edits` overlay. A removed overlay entry reports the base value the cell fell back to.
 */
export function changedCells(plan: PlanDoc, transaction: Y.Transaction): CellChange[] {
  const cells: CellChange[] = []
  for (const [type, keys] of transaction.changed) {
    if (!(type instanceof Y.Map) || type._item?.parentSub !== 'edits') continue
    const row = type._item.parent as Y.AbstractType<unknown>
    const rowItem = row._item
    if (!rowItem || rowItem.parentSub === null || !(rowItem.parent instanceof Y.AbstractType))
      continue
    const measure = Y.findRootTypeKey(rowItem.parent)
    if (!isMeasure(measure) || rowItem.parent._item !== null) continue
    for (const key of keys) {
      if (key === null) continue
      const period = Number(key)
      cells.push({
        measure,
        key: rowItem.parentSub,
        period,
        value: plan.readCell(measure, rowItem.parentSub, period),
      })
    }
  }
  return cells
}

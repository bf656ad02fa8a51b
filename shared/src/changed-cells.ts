import * as Y from 'yjs'
import type { CellEdit } from './cell-edit.js'
import type { PlanDoc } from './plan-doc.js'
import { MEASURES } from './roots.js'
import type { Measure } from './roots.js'

/** Changed Yjs types with their changed keys, as `Y.Transaction.changed` holds them. */
export type ChangedTypes = Iterable<readonly [unknown, Iterable<string | null>]>

/**
 * The measure cells a set of changed Yjs types wrote, as edits that would write them again:
 * every changed key of a row's `edits` overlay, with its new overlay value (undefined when the
 * entry was removed).
 */
export function changedCells(plan: PlanDoc, changed: ChangedTypes): CellEdit[] {
  const cells: CellEdit[] = []
  for (const [type, keys] of changed) {
    const located = locateOverlay(plan, type)
    if (!located) continue
    const edits = type as Y.Map<number>
    for (const key of keys) {
      if (key === null) continue
      cells.push({ ...located, period: Number(key), value: edits.get(key) })
    }
  }
  return cells
}

/** The same cells with the value each shows now: the base value after a removed overlay entry. */
export function changedCellValues(
  plan: PlanDoc,
  changed: ChangedTypes,
): (CellEdit & { value: number })[] {
  return changedCells(plan, changed).map((cell) => ({
    ...cell,
    value: plan.readCell(cell.measure, cell.key, cell.period),
  }))
}

/** The measure row whose `edits` overlay a changed Yjs type is, if it is one. */
export function locateOverlay(
  plan: PlanDoc,
  type: unknown,
): { measure: Measure; key: string } | undefined {
  if (!(type instanceof Y.Map) || type._item?.parentSub !== 'edits') return undefined
  const row = type._item.parent
  if (!(row instanceof Y.Map)) return undefined
  const key = row._item?.parentSub
  const root = row._item?.parent
  if (typeof key !== 'string') return undefined
  const measure = MEASURES.find((m) => plan.measureRoot(m) === root)
  return measure ? { measure, key } : undefined
}

import * as Y from 'yjs'
import type { Measure, PlanDoc } from '@tandem/shared'
import { MEASURES } from '@tandem/shared'
import type { CellEdit } from './cell-edit.js'

/**
 * The measure cells a set of changed Yjs types touched: an overlay map `edits` sits in a row
 * map keyed by the row key, which sits in a measure root.
 */
export function changedCells(
  plan: PlanDoc,
  changed: Iterable<readonly [unknown, Iterable<string | null>]>,
): CellEdit[] {
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

function locateOverlay(
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

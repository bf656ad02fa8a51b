import type { PlanDoc } from './plan-doc.js'
import type { Measure } from './roots.js'
import { MEASURES } from './roots.js'

/** One cell whose value differs between two plans. */
export interface CellDiff {
  measure: Measure
  key: string
  period: number
  from: number
  to: number
}

/** The change in one measure's total for one family (capacity rows group under their resource). */
export interface TotalDiff {
  family: string
  measure: Measure
  from: number
  to: number
}

/** What changed from one plan (a version, say) to another (the live plan). */
export interface PlanComparison {
  cells: CellDiff[]
  totals: TotalDiff[]
}

/**
 * Compares two plans with the same horizon cell by cell, and sums the changes by family and
 * measure. Rows present in only one plan count as zeros in the other.
 */
export function comparePlans(from: PlanDoc, to: PlanDoc): PlanComparison {
  const cells: CellDiff[] = []
  const totals = new Map<string, TotalDiff>()
  const count = Math.max(from.periodCount, to.periodCount)
  for (const measure of MEASURES) {
    const keys = new Set([...from.measureRoot(measure).keys(), ...to.measureRoot(measure).keys()])
    for (const key of [...keys].sort()) {
      const a = from.readRow(measure, key)
      const b = to.readRow(measure, key)
      const family =
        measure === 'capacity'
          ? key
          : String(to.items.get(key)?.get('family') ?? from.items.get(key)?.get('family') ?? '')
      const total = totals.get(`${family}\u0000${measure}`) ?? { family, measure, from: 0, to: 0 }
      for (let period = 0; period < count; period++) {
        const before = a[period] ?? 0
        const after = b[period] ?? 0
        total.from += before
        total.to += after
        if (before !== after) cells.push({ measure, key, period, from: before, to: after })
      }
      totals.set(`${family}\u0000${measure}`, total)
    }
  }
  return { cells, totals: [...totals.values()].filter((t) => t.from !== t.to) }
}

import type { CellDiff, Measure, PlanComparison, PlanDoc, TotalDiff } from '@tandem/shared'
import { MEASURES } from '@tandem/shared'

interface RowDiff {
  family: string
  measure: Measure
  cells: CellDiff[]
  from: number
  to: number
}

/**
 * A comparison of a version with the live plan that follows the live plan row by row: after an
 * edit only the touched SKUs and resources are compared again, not the whole plan (a full
 * comparison of 10,000 SKUs × 104 periods takes about 300 ms). Same results as `comparePlans`.
 */
export class LiveComparison {
  private readonly rows = new Map<string, RowDiff>()

  constructor(
    private readonly from: PlanDoc,
    private readonly to: PlanDoc,
  ) {
    for (const measure of MEASURES) {
      const keys = new Set([...from.measureRoot(measure).keys(), ...to.measureRoot(measure).keys()])
      for (const key of keys) this.compareRow(measure, key)
    }
  }

  /** Compares again the rows of these SKUs and resources. */
  update(keys: Iterable<string>): void {
    for (const key of keys) for (const measure of MEASURES) this.compareRow(measure, key)
  }

  result(): PlanComparison {
    const cells: CellDiff[] = []
    const totals = new Map<string, TotalDiff>()
    const ordered = [...this.rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    for (const [, row] of ordered) {
      cells.push(...row.cells)
      const id = `${row.family}\u0000${row.measure}`
      const total = totals.get(id) ?? { family: row.family, measure: row.measure, from: 0, to: 0 }
      total.from += row.from
      total.to += row.to
      totals.set(id, total)
    }
    return { cells, totals: [...totals.values()].filter((t) => t.from !== t.to) }
  }

  private compareRow(measure: Measure, key: string): void {
    const id = `${MEASURES.indexOf(measure)}\u0000${key}`
    const inFrom = this.from.measureRoot(measure).has(key)
    const inTo = this.to.measureRoot(measure).has(key)
    if (!inFrom && !inTo) {
      this.rows.delete(id)
      return
    }
    const a = this.from.readRow(measure, key)
    const b = this.to.readRow(measure, key)
    const family =
      measure === 'capacity'
        ? key
        : String(
            this.to.items.get(key)?.get('family') ?? this.from.items.get(key)?.get('family') ?? '',
          )
    const row: RowDiff = { family, measure, cells: [], from: 0, to: 0 }
    const count = Math.max(this.from.periodCount, this.to.periodCount)
    for (let period = 0; period < count; period++) {
      const before = a[period] ?? 0
      const after = b[period] ?? 0
      row.from += before
      row.to += after
      if (before !== after) row.cells.push({ measure, key, period, from: before, to: after })
    }
    this.rows.set(id, row)
  }
}

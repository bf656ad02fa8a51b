import type { CellDiff, Measure, PlanComparison } from '@tandem/shared'
import type { BoardRow } from './board-row.js'

/** A comparison laid over the grid: changed cells by place, and the rows that hold them. */
export interface CompareOverlay {
  comparison: PlanComparison
  changes: Map<string, CellDiff>
  /** SKU and resource ids with at least one changed cell. */
  changedKeys: Set<string>
  /** Only rows with a change are shown. */
  changedOnly: boolean
}

export function cellPlace(measure: Measure, key: string, period: number): string {
  return `${measure}\u0000${key}\u0000${period}`
}

export function compareOverlay(comparison: PlanComparison, changedOnly: boolean): CompareOverlay {
  const changes = new Map<string, CellDiff>()
  const changedKeys = new Set<string>()
  for (const cell of comparison.cells) {
    changes.set(cellPlace(cell.measure, cell.key, cell.period), cell)
    changedKeys.add(cell.key)
  }
  return { comparison, changes, changedKeys, changedOnly }
}

/** The measure and row key of a grid row, when the row holds editable values. */
export function measureOfRow(row: BoardRow): { measure: Measure; key: string } | undefined {
  if (row.kind === 'sku' && (row.measure === 'demand' || row.measure === 'supply')) {
    return { measure: row.measure, key: row.sku }
  }
  if (row.kind === 'resource' && row.measure === 'capacity') {
    return { measure: 'capacity', key: row.resource }
  }
  return undefined
}

export function changeAt(
  overlay: CompareOverlay | undefined,
  row: BoardRow | undefined,
  period: number,
): CellDiff | undefined {
  const place = row && overlay && measureOfRow(row)
  return place ? overlay.changes.get(cellPlace(place.measure, place.key, period)) : undefined
}

import type { CellEdit, Measure, SpreadResult } from '@tandem/shared'
import { isFrozenPeriod, spreadTotal } from '@tandem/shared'
import type { BoardView } from '../plan-view/board-view.js'
import type { CellTarget } from './cell-target.js'

/** The cells a total typed on a roll-up row's cell or a rolled-up cell stands for. */
export type SpreadTarget = Extract<CellTarget, { kind: 'family' | 'span' | 'familySpan' }>

interface PlanCell {
  measure: Measure
  key: string
  period: number
}

/** The plan cells under a spread target: its SKUs, its periods, or both (SKU by SKU). */
export function cellsUnder(view: BoardView, target: SpreadTarget): PlanCell[] {
  const { measure } = target
  const keys = target.kind === 'span' ? [target.key] : target.skus
  const first = target.kind === 'family' ? target.period : target.bucket.first
  const last = target.kind === 'family' ? target.period : target.bucket.last
  const cells: PlanCell[] = []
  for (const key of keys)
    for (let p = first; p <= last; p++) cells.push({ measure, key, period: p })
  return cells
}

/** How a spread went: the edits for the open cells, how many there are, or why it cannot be. */
export type SpreadEdits =
  { ok: true; edits: CellEdit[]; open: number } | Extract<SpreadResult, { ok: false }>

/**
 * Spreads `total` over the cells under a target in proportion to their values (evenly when all
 * are zero), frozen periods kept as they are and the total exact (`spreadTotal`). With `total`
 * undefined, clears the overrides of the open cells back to their base values instead.
 */
export function spreadOver(
  view: BoardView,
  target: SpreadTarget,
  total: number | undefined,
): SpreadEdits {
  const cells = cellsUnder(view, target)
  const frozen = cells.map((cell) => isFrozenPeriod(view.meta, cell.period))
  const open = frozen.filter((f) => !f).length
  if (total === undefined) {
    const edits = cells.flatMap((cell, i) => (frozen[i] ? [] : [{ ...cell, value: undefined }]))
    return { ok: true, edits, open }
  }
  const current = cells.map((cell) => view.plan.readCell(cell.measure, cell.key, cell.period))
  const spread = spreadTotal(total, current, frozen, view.meta.decimals)
  if (!spread.ok) return spread
  const edits = cells.flatMap((cell, i) =>
    frozen[i] ? [] : [{ ...cell, value: spread.values[i] }],
  )
  return { ok: true, edits, open }
}

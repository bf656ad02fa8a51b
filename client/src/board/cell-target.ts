import type { Measure, RuleViolation } from '@tandem/shared'
import { checkCellEdit } from '@tandem/shared'
import type { BoardView } from '../plan-view/board-view.js'
import { FROZEN_COLUMNS, periodOfColumn } from '../plan-view/board-view.js'

/** What typing into a grid location would change, or why it changes nothing. */
export type CellTarget =
  | { kind: 'cell'; measure: Measure; key: string; period: number }
  | { kind: 'family'; family: string; measure: 'demand' | 'supply'; period: number }
  | { kind: 'computed'; measure: string; period: number }
  | { kind: 'label' }
  | { kind: 'rule'; violation: RuleViolation }

/** Resolves a grid location to its target, applying the plan's rules for my role. */
export function cellTarget(
  view: BoardView,
  [col, rowIndex]: readonly [number, number],
): CellTarget {
  const row = view.layout.rows[rowIndex]
  const period = periodOfColumn(col)
  if (!row || col < FROZEN_COLUMNS || period >= view.meta.periodCount) return { kind: 'label' }
  let target: CellTarget
  if (row.kind === 'sku' && (row.measure === 'demand' || row.measure === 'supply')) {
    target = { kind: 'cell', measure: row.measure, key: row.sku, period }
  } else if (row.kind === 'resource' && row.measure === 'capacity') {
    target = { kind: 'cell', measure: 'capacity', key: row.resource, period }
  } else if (row.kind === 'family' && (row.measure === 'demand' || row.measure === 'supply')) {
    target = { kind: 'family', family: row.family, measure: row.measure, period }
  } else {
    return { kind: 'computed', measure: row.measure, period }
  }
  const key =
    target.kind === 'cell' ? target.key : (view.model.family(target.family)?.skus[0] ?? '')
  const violation = checkCellEdit(view.meta, view.role, target.measure, key, period, undefined)
  return violation ? { kind: 'rule', violation } : target
}

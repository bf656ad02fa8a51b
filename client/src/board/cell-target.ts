import type { Measure, RuleViolation, TimeBucket } from '@tandem/shared'
import { checkCellEdit } from '@tandem/shared'
import type { BoardView } from '../plan-view/board-view.js'
import { FROZEN_COLUMNS, periodOfColumn } from '../plan-view/board-view.js'
import { groupName } from '../plan-view/group-name.js'

/** What typing into a grid location would change, or why it changes nothing. */
export type CellTarget =
  | { kind: 'cell'; measure: Measure; key: string; period: number }
  /**
   * A roll-up row's cell (a family, or a site, resource or filtered family group): the total
   * spreads over `skus`, the SKUs it sums; `family` names it.
   */
  | {
      kind: 'family'
      family: string
      skus: readonly string[]
      measure: 'demand' | 'supply'
      period: number
    }
  /** A rolled-up column of a SKU's or resource's row: the value spreads over its periods. */
  | { kind: 'span'; measure: 'demand' | 'supply' | 'capacity'; key: string; bucket: TimeBucket }
  /** A rolled-up column of a roll-up row: spreads over its SKUs and periods. */
  | {
      kind: 'familySpan'
      family: string
      skus: readonly string[]
      measure: 'demand' | 'supply'
      bucket: TimeBucket
    }
  | { kind: 'computed'; measure: string; period: number }
  /** The total across all groups: a sum of sums, typed into through a group or a SKU. */
  | { kind: 'total'; measure: string }
  | { kind: 'label' }
  | { kind: 'rule'; violation: RuleViolation }

/**
 * Resolves a grid location to its target, applying the plan's rules for my role (for a
 * rolled-up column, to its last period: it can be typed into while any of its periods is open).
 */
export function cellTarget(
  view: BoardView,
  [col, rowIndex]: readonly [number, number],
): CellTarget {
  const row = view.layout.rows[rowIndex]
  const index = periodOfColumn(col)
  if (!row || col < FROZEN_COLUMNS || index >= view.axis.buckets.length) return { kind: 'label' }
  const bucket = view.axis.buckets[index]
  const rolled = view.axis.rolled
  const period = rolled ? bucket.last : index
  let target: CellTarget
  if (row.kind === 'sku' && (row.measure === 'demand' || row.measure === 'supply')) {
    target = rolled
      ? { kind: 'span', measure: row.measure, key: row.sku, bucket }
      : { kind: 'cell', measure: row.measure, key: row.sku, period }
  } else if (row.kind === 'resource' && row.measure === 'capacity') {
    target = rolled
      ? { kind: 'span', measure: 'capacity', key: row.resource, bucket }
      : { kind: 'cell', measure: 'capacity', key: row.resource, period }
  } else if (
    (row.kind === 'family' || row.kind === 'group') &&
    (row.measure === 'demand' || row.measure === 'supply')
  ) {
    const family = row.kind === 'family' ? row.family : groupName(view, row.by, row.group)
    const skus =
      row.kind === 'family'
        ? (view.model.family(row.family)?.skus ?? [])
        : view.layout.rollUps.skusOf(row.group)
    target = rolled
      ? { kind: 'familySpan', family, skus, measure: row.measure, bucket }
      : { kind: 'family', family, skus, measure: row.measure, period }
  } else if (row.kind === 'total' && (row.measure === 'demand' || row.measure === 'supply')) {
    return { kind: 'total', measure: row.measure }
  } else {
    return { kind: 'computed', measure: row.measure, period }
  }
  const key = target.kind === 'cell' || target.kind === 'span' ? target.key : (target.skus[0] ?? '')
  const violation = checkCellEdit(view.meta, view.role, target.measure, key, period, undefined)
  return violation ? { kind: 'rule', violation } : target
}

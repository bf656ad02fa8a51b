import type { Item } from '@glideapps/glide-data-grid'
import type { CellEdit, RuleViolation } from '@tandem/shared'
import { isFrozenPeriod, spreadTotal } from '@tandem/shared'
import type { BoardView } from '../plan-view/board-view.js'
import { periodOfColumn } from '../plan-view/board-view.js'
import { cellTarget } from './cell-target.js'
import { describeCell } from '../plan-view/describe-cell.js'
import { describeViolation } from './describe-violation.js'
import { readOnlyReason } from './read-only-reason.js'

/** One value a person put into a grid location: a number, nothing (cleared), or bad text. */
export interface GridWrite {
  location: Item
  value: number | undefined
  text?: string
}

/** The cell edits a batch of grid writes amounts to, or the first reason it cannot be made. */
export type PlannedWrites =
  | { ok: true; edits: CellEdit[]; spreads: { family: string; total: number; count: number }[] }
  | { ok: false; message: string }

/**
 * Turns grid writes into cell edits: SKU and capacity cells directly, family cells by spreading
 * the typed total over the family's SKUs (frozen periods skipped). Every write is checked first;
 * one bad write refuses the whole batch, with a message that names the cell.
 */
export function planWrites(view: BoardView, writes: readonly GridWrite[]): PlannedWrites {
  const edits: CellEdit[] = []
  const spreads: { family: string; total: number; count: number }[] = []
  for (const write of writes) {
    const target = cellTarget(view, write.location)
    if (target.kind === 'rule') {
      const { code, place, reason } = target.violation
      return { ok: false, message: describeViolation(view, code, place, reason) }
    }
    if (target.kind === 'label' || target.kind === 'computed') {
      return {
        ok: false,
        message: `${locationName(view, write.location)}: ${readOnlyReason(view, target)}`,
      }
    }
    const value = write.value ?? 0
    const name = () =>
      describeCell(
        view,
        target.measure,
        target.kind === 'cell' ? target.key : target.family,
        target.period,
      )
    if (!Number.isFinite(value)) {
      return {
        ok: false,
        message: view.t('edit.badNumber', { text: write.text ?? String(value), cell: name() }),
      }
    }
    if (target.kind === 'cell') {
      edits.push({ ...target, value })
      continue
    }
    const family = view.model.family(target.family)
    if (!family) continue
    const current = family.skus.map((sku) => view.plan.readCell(target.measure, sku, target.period))
    const frozen = family.skus.map(() => isFrozenPeriod(view.meta, target.period))
    const spread = spreadTotal(value, current, frozen, view.meta.decimals)
    if (!spread.ok) {
      const key =
        spread.reason === 'negativeTotal'
          ? 'edit.spreadNegative'
          : spread.reason === 'nothingEditable'
            ? 'edit.spreadNothingEditable'
            : 'edit.spreadFrozen'
      return { ok: false, message: view.t(key, { family: target.family, cell: name() }) }
    }
    family.skus.forEach((sku, i) => {
      if (!frozen[i])
        edits.push({
          measure: target.measure,
          key: sku,
          period: target.period,
          value: spread.values[i],
        })
    })
    spreads.push({ family: target.family, total: value, count: family.skus.length })
  }
  return { ok: true, edits, spreads }
}

/** Describes the refusal of a checked edit in the reader's language. */
export function describeEditViolation(
  view: BoardView,
  violation: RuleViolation,
  edits: readonly CellEdit[],
): string {
  const { place } = violation
  const edit = edits.find(
    (e) => e.measure === place.root && e.key === place.key && e.period === place.period,
  )
  return describeViolation(view, violation.code, place, violation.reason, edit?.value)
}

function locationName(view: BoardView, [col, rowIndex]: Item): string {
  const row = view.layout.rows[rowIndex]
  if (!row) return ''
  const key =
    row.kind === 'sku'
      ? row.sku
      : row.kind === 'family'
        ? row.family
        : row.kind === 'total'
          ? view.t('rowLabel.total')
          : row.resource
  return describeCell(view, row.measure, key, periodOfColumn(col))
}

import type { Item } from '@glideapps/glide-data-grid'
import type { CellEdit } from '@tandem/shared'
import type { BoardView } from '../plan-view/board-view.js'
import { periodOfColumn } from '../plan-view/board-view.js'
import type { CellTarget } from './cell-target.js'
import { cellTarget } from './cell-target.js'
import type { SpreadTarget } from './spread-cells.js'
import { spreadOver } from './spread-cells.js'
import { describeCell } from '../plan-view/describe-cell.js'
import { describeViolation } from '../plan-view/describe-violation.js'
import { readOnlyReason } from './read-only-reason.js'

/**
 * One value a person put into a grid location: a number, nothing (written as 0), or bad text;
 * or, with `clear`, the cell's override removed so it shows its base value again.
 */
export interface GridWrite {
  location: Item
  value: number | undefined
  text?: string
  clear?: boolean
}

/**
 * The cell edits a batch of grid writes amounts to, with a note for each spread; or the first
 * reason it cannot be made.
 */
export type PlannedWrites =
  { ok: true; edits: CellEdit[]; spreads: string[] } | { ok: false; message: string }

/**
 * Turns grid writes into cell edits: SKU and capacity cells directly, family cells and rolled-up
 * cells by spreading the typed total over the family's SKUs and the column's periods (frozen
 * periods skipped, the total exact). Every write is checked first; one bad write refuses the
 * whole batch, with a message that names the cell. The server checks each cell again.
 */
export function planWrites(view: BoardView, writes: readonly GridWrite[]): PlannedWrites {
  const edits: CellEdit[] = []
  const spreads: string[] = []
  for (const write of writes) {
    const target = cellTarget(view, write.location)
    if (target.kind === 'rule') {
      const { code, place, reason } = target.violation
      return { ok: false, message: describeViolation(view, code, place, reason) }
    }
    if (target.kind === 'label' || target.kind === 'computed' || target.kind === 'total') {
      return {
        ok: false,
        message: `${locationName(view, write.location)}: ${readOnlyReason(view, target)}`,
      }
    }
    const value = write.value ?? 0
    const name = () => targetName(view, target)
    if (!Number.isFinite(value)) {
      return {
        ok: false,
        message: view.t('edit.badNumber', { text: write.text ?? String(value), cell: name() }),
      }
    }
    if (target.kind === 'cell') {
      const { measure, key, period } = target
      edits.push({ measure, key, period, value: write.clear ? undefined : value })
      continue
    }
    const spread = spreadOver(view, target, write.clear ? undefined : value)
    if (!spread.ok) {
      const key =
        spread.reason === 'negativeTotal'
          ? 'edit.spreadNegative'
          : spread.reason === 'nothingEditable'
            ? 'edit.spreadNothingEditable'
            : 'edit.spreadFrozen'
      const whole = target.kind === 'span' ? target.key : target.family
      return { ok: false, message: view.t(key, { family: whole, cell: name() }) }
    }
    edits.push(...spread.edits)
    if (!write.clear) spreads.push(spreadNote(view, target, value, spread.open))
  }
  return { ok: true, edits, spreads }
}

function spreadNote(view: BoardView, target: SpreadTarget, total: number, open: number): string {
  const shown = view.format.number(total)
  if (target.kind === 'family') {
    return view.t('edit.spread', { total: shown, count: target.skus.length, family: target.family })
  }
  const periods = target.bucket.last - target.bucket.first + 1
  if (target.kind === 'span')
    return view.t('edit.spreadPeriods', { total: shown, count: open, periods, cell: target.key })
  return view.t('edit.spreadFamilyPeriods', { total: shown, count: open, family: target.family })
}

/** A write target named in the reader's language, a rolled-up one by its column's label. */
function targetName(view: BoardView, target: SpreadTarget | Extract<CellTarget, { kind: 'cell' }>) {
  const key = target.kind === 'cell' || target.kind === 'span' ? target.key : target.family
  if (target.kind === 'cell' || target.kind === 'family')
    return describeCell(view, target.measure, key, target.period)
  return describeCell(view, target.measure, key, target.bucket.last)
}

function locationName(view: BoardView, [col, rowIndex]: Item): string {
  const row = view.layout.rows[rowIndex]
  if (!row) return ''
  const key =
    row.kind === 'sku'
      ? row.sku
      : row.kind === 'family'
        ? row.family
        : row.kind === 'group'
          ? row.group
          : row.kind === 'total'
            ? view.t('rowLabel.total')
            : row.resource
  const index = periodOfColumn(col)
  const period = view.axis.rolled ? (view.axis.buckets[index]?.last ?? index) : index
  return describeCell(view, row.measure, key, period)
}

import type { CellEdit } from '../cell-edit.js'
import type { PlanMeta } from '../plan-meta.js'
import { isFrozenPeriod } from '../plan-meta.js'
import type { Measure } from '../roots.js'
import { checkCellEdit } from '../rules/check-cell-edit.js'
import type { Role } from '../rules/role.js'
import type { RuleViolation } from '../rules/rule-violation.js'
import { violation as ruleViolation } from '../rules/rule-violation.js'
import { spreadTotal } from '../spread.js'

/** What one cell of a pasted block lands on, as the board lays it out. */
export type PasteTarget =
  | { kind: 'cell'; measure: Measure; key: string; period: number }
  | { kind: 'family'; measure: 'demand' | 'supply'; family: string; period: number }
  /** A row no one types into: projected inventory, gap, load, a family's projection. */
  | { kind: 'computed'; family: boolean }
  /** Outside the plan's cells: a label column or past the last period. */
  | { kind: 'label' }

/** Why a pasted value was not written. */
export type PasteSkipReason =
  | 'computed'
  | 'family'
  | 'role'
  | 'frozen'
  | 'approved'
  | 'blank'
  | 'notANumber'
  | 'badValue'
  | 'unchanged'

export const PASTE_SKIP_REASONS: readonly PasteSkipReason[] = [
  'computed',
  'family',
  'role',
  'frozen',
  'approved',
  'blank',
  'notANumber',
  'badValue',
  'unchanged',
]

/** One pasted value and where it lands; `value` undefined for blank or unreadable text. */
export interface PastedCell {
  target: PasteTarget
  text: string
  value: number | undefined
}

/** What a paste needs to know about the plan: its settings, my role and current values. */
export interface PasteContext {
  meta: PlanMeta
  role: Role
  read(measure: Measure, key: string, period: number): number
  skusOf(family: string): readonly string[]
}

/** The edits of a paste and an exact account of what it skipped. */
export interface PastePlan {
  edits: CellEdit[]
  /** Cells whose value the edits change (a family value counts each SKU cell it changes). */
  changed: number
  /** Pasted values not written, by reason. */
  skipped: Partial<Record<PasteSkipReason, number>>
  /** The first value refused by the value rules, with the cell it was meant for. */
  firstBadValue?: { text: string; value: number; violation: RuleViolation }
  /** Family values spread over their SKUs (only when the block covers family rows alone). */
  spreads: { family: string; total: number; count: number }[]
}

/**
 * Plans a paste the way a spreadsheet does: every value lands in the writable cell under it;
 * computed and read-only cells are skipped and counted, never refused whole. A family row is
 * written (its total spread over its SKUs) only when the block covers family rows alone, so a
 * block dragged across SKU rows never changes SKUs it does not show.
 */
export function planPaste(cells: readonly PastedCell[], context: PasteContext): PastePlan {
  const plan: PastePlan = { edits: [], changed: 0, skipped: {}, spreads: [] }
  const skip = (reason: PasteSkipReason) => {
    plan.skipped[reason] = (plan.skipped[reason] ?? 0) + 1
  }
  const placed = cells.filter(({ target }) => target.kind !== 'label')
  const familiesOnly =
    placed.length > 0 &&
    placed.every(
      ({ target }) =>
        target.kind === 'family' || (target.kind === 'computed' && target.family === true),
    )
  const written = new Map<string, CellEdit & { spread: boolean }>()
  for (const cell of placed) {
    const { target } = cell
    if (target.kind === 'label') continue
    if (target.kind === 'computed') {
      skip('computed')
      continue
    }
    if (target.kind === 'family' && !familiesOnly) {
      skip('family')
      continue
    }
    if (cell.text.trim() === '') {
      skip('blank')
      continue
    }
    if (cell.value === undefined || !Number.isFinite(cell.value)) {
      skip('notANumber')
      continue
    }
    const edits = target.kind === 'cell' ? [target] : familyEdits(target, cell, context, plan)
    if (!edits) continue
    for (const edit of edits) {
      const value = 'value' in edit ? edit.value : cell.value
      const violation = checkCellEdit(
        context.meta,
        context.role,
        edit.measure,
        edit.key,
        edit.period,
        value,
      )
      if (violation) {
        const reason = reasonOf(violation.code)
        skip(reason)
        if (reason === 'badValue') plan.firstBadValue ??= { text: cell.text, value, violation }
        continue
      }
      const place = `${edit.measure}\u0000${edit.key}\u0000${edit.period}`
      const spread = target.kind === 'family'
      written.set(place, {
        measure: edit.measure,
        key: edit.key,
        period: edit.period,
        value,
        spread,
      })
    }
  }
  for (const { spread, ...edit } of written.values()) {
    if (context.read(edit.measure, edit.key, edit.period) === edit.value) {
      if (!spread) skip('unchanged')
      continue
    }
    plan.edits.push(edit)
    plan.changed++
  }
  return plan
}

function familyEdits(
  target: Extract<PasteTarget, { kind: 'family' }>,
  cell: PastedCell,
  context: PasteContext,
  plan: PastePlan,
): (Omit<CellEdit, 'value'> & { value: number })[] | undefined {
  const skus = context.skusOf(target.family)
  const { measure, period } = target
  const total = cell.value ?? 0
  const frozen = skus.map(() => isFrozenPeriod(context.meta, period))
  const current = skus.map((sku) => context.read(measure, sku, period))
  const first = checkCellEdit(context.meta, context.role, measure, skus[0] ?? '', period, undefined)
  if (first) {
    plan.skipped[reasonOf(first.code)] = (plan.skipped[reasonOf(first.code)] ?? 0) + 1
    return undefined
  }
  const spread = spreadTotal(total, current, frozen, context.meta.decimals)
  if (!spread.ok) {
    plan.skipped.badValue = (plan.skipped.badValue ?? 0) + 1
    plan.firstBadValue ??= {
      text: cell.text,
      value: total,
      violation: ruleViolation('outOfRange', `${target.family}: ${spread.reason}`, {
        root: measure,
        key: target.family,
        period,
      }),
    }
    return undefined
  }
  plan.spreads.push({ family: target.family, total, count: skus.length })
  return skus.map((key, i) => ({ measure, key, period, value: spread.values[i] }))
}

function reasonOf(code: string): PasteSkipReason {
  switch (code) {
    case 'forbiddenRole':
      return 'role'
    case 'frozenPeriod':
      return 'frozen'
    case 'planApproved':
      return 'approved'
    default:
      return 'badValue'
  }
}

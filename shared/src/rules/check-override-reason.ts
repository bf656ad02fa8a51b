import type { PlanDoc } from '../plan-doc.js'
import type { PlanMeta } from '../plan-meta.js'
import {
  isOverrideReason,
  MAX_OVERRIDE_NOTE,
  parseOverrideReasonKey,
} from '../override-reasons/override-reason.js'
import { checkDemandLock } from './check-demand-lock.js'
import { checkCellEdit } from './check-cell-edit.js'
import type { Role } from './role.js'
import type { RuleViolation } from './rule-violation.js'
import { violation } from './rule-violation.js'

/**
 * The reason for a demand override, keyed `sku@period`: whoever may edit that demand cell now
 * (role, approved plan, horizon, frozen periods, as `checkCellEdit`) may set or clear it; the
 * value is `{ reason, note }` with a known reason, a note of at most 500 characters, and a
 * note for `other`. `value` undefined clears the reason.
 */
export function checkOverrideReason(
  plan: PlanDoc,
  meta: PlanMeta,
  role: Role,
  key: string,
  value: unknown,
): RuleViolation | undefined {
  const cell = parseOverrideReasonKey(key)
  if (!cell || !plan.demand.has(cell.sku))
    return violation('badStructure', `"${key}" does not name a demand cell`, {
      root: 'overrideReasons',
      key,
    })
  const broken =
    checkCellEdit(meta, role, 'demand', cell.sku, cell.period, undefined) ??
    checkDemandLock(plan.doc, meta, role, 'demand', cell.sku, cell.period)
  if (broken) return broken
  if (value === undefined) return undefined
  const place = { root: 'overrideReasons', key: cell.sku, period: cell.period }
  const entry = value as { reason?: unknown; note?: unknown } | null
  const fields =
    entry && typeof entry === 'object' && !Array.isArray(entry) ? Object.keys(entry) : []
  if (
    !entry ||
    fields.some((f) => f !== 'reason' && f !== 'note') ||
    !isOverrideReason(entry.reason)
  )
    return violation(
      'badValue',
      `The override reason of demand ${cell.sku}, period ${cell.period} must be one of the listed reasons`,
      place,
    )
  const note = entry.note ?? ''
  if (typeof note !== 'string' || note.length > MAX_OVERRIDE_NOTE)
    return violation(
      'badValue',
      `The note of demand ${cell.sku}, period ${cell.period} must be text of at most ${MAX_OVERRIDE_NOTE} characters`,
      place,
    )
  if (entry.reason === 'other' && note.trim() === '')
    return violation(
      'badValue',
      `The reason "other" of demand ${cell.sku}, period ${cell.period} needs a note`,
      place,
    )
  return undefined
}

import type { PlanMeta } from '../plan-meta.js'
import { isFrozenPeriod } from '../plan-meta.js'
import { periodKey } from '../periods.js'
import type { Measure } from '../roots.js'
import type { Role } from './role.js'
import { roleMayWrite } from './role.js'
import type { RuleViolation } from './rule-violation.js'
import { violation } from './rule-violation.js'

/**
 * Checks one cell edit against the plan's rules: role, approved plan, horizon, frozen periods,
 * and the value (finite, ≥ 0, ≤ maxValue, within the unit's precision). `value` undefined
 * means the overlay entry is removed and the cell falls back to its base value.
 * The client runs this before writing; the server runs it again on every update.
 */
export function checkCellEdit(
  meta: PlanMeta,
  role: Role,
  measure: Measure,
  key: string,
  period: number,
  value: unknown,
): RuleViolation | undefined {
  const place = { root: measure, key, period }
  const cell = () => describeCell(meta, measure, key, period)
  if (!roleMayWrite(role, measure)) {
    return violation('forbiddenRole', `A ${role} may not change ${measure}: ${cell()}`, place)
  }
  if (meta.status === 'approved') {
    return violation('planApproved', `The plan is approved and read-only: ${cell()}`, place)
  }
  if (!Number.isInteger(period) || period < 0 || period >= meta.periodCount) {
    return violation(
      'badStructure',
      `Period ${period} is outside the plan's horizon: ${measure} ${key}`,
      place,
    )
  }
  if (isFrozenPeriod(meta, period)) {
    return violation('frozenPeriod', `${cell()} is in a frozen period`, place)
  }
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return violation('badValue', `${cell()} must be a finite number`, place)
  }
  if (value < 0)
    return violation('outOfRange', `${cell()} must not be negative (got ${value})`, place)
  if (value > meta.maxValue) {
    return violation(
      'outOfRange',
      `${cell()} must not exceed ${meta.maxValue} (got ${value})`,
      place,
    )
  }
  const scaled = value * 10 ** meta.decimals
  if (Math.abs(Math.round(scaled) - scaled) > Math.max(1e-6, 4 * Number.EPSILON * scaled)) {
    return violation(
      'outOfRange',
      `${cell()} allows ${meta.decimals} decimal places (got ${value})`,
      place,
    )
  }
  return undefined
}

/** A cell named the way planners read it: "demand SKU-00001, 2026-W49 (period 0)". */
export function describeCell(meta: PlanMeta, measure: string, key: string, period: number): string {
  const inHorizon = Number.isInteger(period) && period >= 0 && period < meta.periodCount
  const label = inHorizon
    ? `${periodKey(meta.periodKind, meta.firstPeriod, period)} (period ${period})`
    : `period ${period}`
  return `${measure} ${key}, ${label}`
}

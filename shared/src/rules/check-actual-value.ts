import { HISTORY_PERIODS } from '../actuals/history-periods.js'
import type { PlanMeta } from '../plan-meta.js'
import type { Role } from './role.js'
import { roleMayWrite } from './role.js'
import type { RuleViolation } from './rule-violation.js'
import { violation } from './rule-violation.js'

/** An actuals overlay key: a plan period index, negative for history ("-36", "0", "17"). */
export function actualsPeriodIndex(key: string): number {
  return /^(0|-?[1-9][0-9]{0,5})$/.test(key) ? Number(key) : Number.NaN
}

/**
 * One actual as a planner (or the import) writes it: a planner, a draft plan, a period from
 * three years before period 0 through the horizon, and a value that is finite, ≥ 0,
 * ≤ maxValue and within the unit's precision. Frozen periods are not refused: a period closes
 * before its actual is known. `value` undefined reverts the cell to its imported value.
 */
export function checkActualValue(
  meta: PlanMeta,
  role: Role,
  sku: string,
  period: number,
  value: unknown,
): RuleViolation | undefined {
  const place = { root: 'actuals', key: sku, period }
  const cell = `actuals ${sku}, period ${period}`
  if (!roleMayWrite(role, 'actuals'))
    return violation('forbiddenRole', `A ${role} may not change actuals: ${cell}`, place)
  if (meta.status === 'approved')
    return violation('planApproved', `The plan is approved and read-only: ${cell}`, place)
  const first = -HISTORY_PERIODS[meta.periodKind]
  if (!Number.isInteger(period) || period < first || period >= meta.periodCount)
    return violation(
      'badStructure',
      `${cell} is outside the actuals (periods ${first} to ${meta.periodCount - 1})`,
      place,
    )
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isFinite(value))
    return violation('badValue', `${cell} must be a finite number`, place)
  if (value < 0)
    return violation('outOfRange', `${cell} must not be negative (got ${value})`, place)
  if (value > meta.maxValue)
    return violation('outOfRange', `${cell} must not exceed ${meta.maxValue} (got ${value})`, place)
  const scaled = value * 10 ** meta.decimals
  if (Math.abs(Math.round(scaled) - scaled) > Math.max(1e-6, 4 * Number.EPSILON * scaled))
    return violation('outOfRange', `${cell} allows ${meta.decimals} decimal places`, place)
  return undefined
}

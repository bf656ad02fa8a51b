import { isValidId } from '../ids.js'
import type { MetaKey, PlanMeta } from '../plan-meta.js'
import { META_FIELDS } from '../plan-meta.js'
import type { Resource } from '../plan-meta.js'
import { isUnknownSite, siteListProblem } from '../sites/site.js'
import type { RuleViolation } from './rule-violation.js'
import { violation } from './rule-violation.js'

/** Horizon fields are fixed once a plan exists: the next cycle is a roll-forward, not an edit. */
export const FIXED_META: ReadonlySet<string> = new Set(['periodKind', 'firstPeriod', 'periodCount'])

/** Longest plan name and unit a planner may set. */
export const PLAN_NAME_MAX = 200
export const UNIT_MAX = 20
/** The most decimal places a plan's values may carry. */
export const MAX_DECIMALS = 6

/**
 * The value one plan setting may take: right type, horizon fixed, values in range. The server
 * runs it on every `meta` write; the settings panel runs it before writing.
 */
export function checkMetaValue(
  meta: PlanMeta,
  field: MetaKey,
  value: unknown,
): RuleViolation | undefined {
  const at = { root: 'meta', field }
  if (FIXED_META.has(field))
    return violation('badStructure', `The plan's horizon (${field}) cannot be changed`, at)
  if (typeof value !== META_FIELDS[field]) {
    return violation('badValue', `Plan setting ${field} must be a ${META_FIELDS[field]}`, at)
  }
  if (
    field === 'frozenThrough' &&
    !(Number.isInteger(value) && (value as number) >= -1 && (value as number) < meta.periodCount)
  ) {
    return violation(
      'outOfRange',
      `frozenThrough must be a period index from -1 to ${meta.periodCount - 1}`,
      at,
    )
  }
  if (field === 'status' && value !== 'draft' && value !== 'approved') {
    return violation('badValue', 'status must be "draft" or "approved"', at)
  }
  if (
    field === 'name' &&
    ((value as string).trim() === '' || (value as string).length > PLAN_NAME_MAX)
  )
    return violation('outOfRange', `name must be 1 to ${PLAN_NAME_MAX} characters`, at)
  if (field === 'unit' && (value as string).length > UNIT_MAX)
    return violation('outOfRange', `unit must be at most ${UNIT_MAX} characters`, at)
  if (
    (field === 'maxValue' || field === 'decimals') &&
    !(Number.isInteger(value) && (value as number) >= 0)
  ) {
    return violation('outOfRange', `${field} must be a whole number ≥ 0`, at)
  }
  if (field === 'decimals' && (value as number) > MAX_DECIMALS)
    return violation('outOfRange', `decimals must be a whole number from 0 to ${MAX_DECIMALS}`, at)
  if (field === 'resources' && !isResourceList(value)) {
    return violation('badValue', 'resources must be a list of { id, name, site }', at)
  }
  if (field === 'resources') {
    const stray = (value as Resource[]).find((r) => isUnknownSite(meta.sites, r.site))
    if (stray)
      return violation(
        'badValue',
        `resource ${stray.id} site ${stray.site} is not a site of this plan`,
        at,
      )
  }
  if (field === 'sites') {
    const problem = siteListProblem(value)
    if (problem) return violation('badValue', problem, at)
  }
  return undefined
}

function isResourceList(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.every(
      (r) =>
        typeof r === 'object' &&
        r !== null &&
        isValidId((r as { id: unknown }).id) &&
        typeof (r as { name: unknown }).name === 'string' &&
        typeof (r as { site: unknown }).site === 'string',
    )
  )
}

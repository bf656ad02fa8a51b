import type * as Y from 'yjs'
import { isValidId } from '../ids.js'
import { isMetaKey, META_FIELDS } from '../plan-meta.js'
import type { PlanMeta } from '../plan-meta.js'
import { deleted, notAValue, singleValue } from './item-content.js'
import type { RuleViolation } from './rule-violation.js'
import { violation } from './rule-violation.js'

/** Horizon fields are fixed once a plan exists: the next cycle is a roll-forward, not an edit. */
const FIXED_META = new Set(['periodKind', 'firstPeriod', 'periodCount'])

/** A planner's write of one plan setting: known key, right type, horizon fixed, values in range. */
export function checkMetaWrite(
  meta: PlanMeta,
  keys: string[],
  item: Y.Item,
): RuleViolation | undefined {
  const field = keys[0]
  const at = { root: 'meta', field }
  if (keys.length !== 1 || !isMetaKey(field))
    return violation('badStructure', `Unknown plan setting "${field}"`, at)
  if (FIXED_META.has(field))
    return violation('badStructure', `The plan's horizon (${field}) cannot be changed`, at)
  const value = singleValue(item)
  if (value === deleted) return undefined
  if (value === notAValue || typeof value !== META_FIELDS[field]) {
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
    (field === 'maxValue' || field === 'decimals') &&
    !(Number.isInteger(value) && (value as number) >= 0)
  ) {
    return violation('outOfRange', `${field} must be a whole number ≥ 0`, at)
  }
  if (field === 'resources' && !isResourceList(value)) {
    return violation('badValue', 'resources must be a list of { id, name, site }', at)
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

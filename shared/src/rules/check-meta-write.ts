import type * as Y from 'yjs'
import { isMetaKey } from '../plan-meta.js'
import type { PlanMeta } from '../plan-meta.js'
import { checkMetaValue, FIXED_META } from './check-meta-value.js'
import { deleted, notAValue, singleValue } from './item-content.js'
import type { RuleViolation } from './rule-violation.js'
import { violation } from './rule-violation.js'

/** A planner's write of one plan setting: a known key holding one value `checkMetaValue` allows. */
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
  return checkMetaValue(meta, field, value === notAValue ? undefined : value)
}

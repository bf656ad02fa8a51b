import type * as Y from 'yjs'
import { isMetaKey } from '../plan-meta.js'
import type { PlanDoc } from '../plan-doc.js'
import type { PlanMeta } from '../plan-meta.js'
import type { Site } from '../sites/site.js'
import { siteStillUsed } from '../sites/sites-in-use.js'
import { checkMetaValue, FIXED_META } from './check-meta-value.js'
import { deleted, notAValue, singleValue } from './item-content.js'
import type { RuleViolation } from './rule-violation.js'
import { violation } from './rule-violation.js'

/**
 * A planner's write of one plan setting: a known key holding one value `checkMetaValue` allows;
 * a new list of sites still lists every site a SKU or resource names.
 */
export function checkMetaWrite(
  plan: PlanDoc,
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
  const found = checkMetaValue(meta, field, value === notAValue ? undefined : value)
  if (found || field !== 'sites') return found
  const used = siteStillUsed(plan, meta, value as Site[])
  return used
    ? violation(
        'badValue',
        `site ${used.site} cannot be removed: ${used.usedBy} is at that site`,
        at,
      )
    : undefined
}

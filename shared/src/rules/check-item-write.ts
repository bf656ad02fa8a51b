import * as Y from 'yjs'
import { isValidId } from '../ids.js'
import { isItemField } from '../item.js'
import type { PlanDoc } from '../plan-doc.js'
import type { PlanMeta } from '../plan-meta.js'
import { checkItemValue } from './check-item-value.js'
import { deleted, isType, notAValue, singleValue } from './item-content.js'
import type { RuleViolation } from './rule-violation.js'
import { violation } from './rule-violation.js'

/** A planner's write into `items`: a new SKU map once, or one typed field of an existing SKU. */
export function checkItemWrite(
  plan: PlanDoc,
  meta: PlanMeta,
  keys: string[],
  item: Y.Item,
): RuleViolation | undefined {
  const [sku, field] = keys
  const at = { root: 'items', key: sku, field }
  if (!isValidId(sku)) return violation('badStructure', `"${sku}" is not a valid SKU id`, at)
  if (keys.length === 1) {
    if (!isType(item, Y.Map)) return violation('badStructure', `Item ${sku} must be a map`, at)
    if (plan.items.has(sku))
      return violation('badStructure', `Item ${sku} already exists and cannot be replaced`, at)
    return undefined
  }
  if (keys.length !== 2 || !isItemField(field))
    return violation('badStructure', `Unknown item field "${field}"`, at)
  const value = singleValue(item)
  if (value === deleted) return undefined
  return checkItemValue(meta, sku, field, value === notAValue ? undefined : value)
}

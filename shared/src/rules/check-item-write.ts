import * as Y from 'yjs'
import { isValidId } from '../ids.js'
import { ITEM_FIELDS, isItemField } from '../item.js'
import type { PlanDoc } from '../plan-doc.js'
import type { PlanMeta } from '../plan-meta.js'
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
  const kind = ITEM_FIELDS[field]
  if (value === notAValue || typeof value !== kind)
    return violation('badValue', `${sku} ${field} must be a ${kind}`, at)
  if (
    kind === 'number' &&
    !(Number.isFinite(value) && (value as number) >= 0 && (value as number) <= meta.maxValue)
  ) {
    return violation(
      'outOfRange',
      `${sku} ${field} must be a number from 0 to ${meta.maxValue}`,
      at,
    )
  }
  if (kind === 'string' && (value as string).length > 200) {
    return violation('outOfRange', `${sku} ${field} must be at most 200 characters`, at)
  }
  return undefined
}

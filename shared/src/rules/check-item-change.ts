import type { ItemFields } from '../commands/write-item-fields.js'
import { isValidId } from '../ids.js'
import type { ItemField } from '../item.js'
import { isItemField } from '../item.js'
import type { PlanDoc } from '../plan-doc.js'
import { checkItemValue } from './check-item-value.js'
import type { Role } from './role.js'
import { roleMayWrite } from './role.js'
import type { RuleViolation } from './rule-violation.js'
import { violation } from './rule-violation.js'

/** A new SKU, or fields of an existing one, as the master data panel writes them. */
export interface ItemChange {
  sku: string
  fields: ItemFields
  /** The SKU is created by this change (with its demand and supply rows). */
  isNew?: boolean
}

/**
 * Checks an item change as the server will check its update: only a planner writes `items`
 * (and creates rows); nothing changes in an approved plan; a new SKU has a valid id no item has;
 * every field within its rule.
 */
export function checkItemChange(
  plan: PlanDoc,
  role: Role,
  change: ItemChange,
): RuleViolation | undefined {
  const meta = plan.readMeta()
  const { sku } = change
  const at = { root: 'items', key: sku }
  if (!roleMayWrite(role, 'items'))
    return violation('forbiddenRole', `A ${role} may not change items`, at)
  if (meta.status === 'approved')
    return violation('planApproved', `The plan is approved and read-only (items ${sku})`, at)
  if (change.isNew) {
    if (!isValidId(sku))
      return violation('badValue', `"${sku}" is not a valid SKU id`, { ...at, field: 'sku' })
    if (plan.items.has(sku))
      return violation('badStructure', `Item ${sku} already exists`, { ...at, field: 'sku' })
  } else if (!plan.items.has(sku)) {
    return violation('badStructure', `No item ${sku}`, at)
  }
  for (const [field, value] of Object.entries(change.fields) as [ItemField, unknown][]) {
    if (value === undefined || !isItemField(field)) continue
    const found = checkItemValue(meta, sku, field, value)
    if (found) return found
  }
  return undefined
}

import { ITEM_FIELDS, ITEM_TEXT_MAX } from '../item.js'
import type { ItemField } from '../item.js'
import type { PlanMeta } from '../plan-meta.js'
import { isUnknownSite } from '../sites/site.js'
import type { RuleViolation } from './rule-violation.js'
import { violation } from './rule-violation.js'

/**
 * The value one item field may take: its JSON type; stock levels from 0 to `maxValue`; text up
 * to 200 characters; a resource the plan has (or none); a site the plan lists. The server runs it on every `items`
 * write; the master data panel runs it before writing.
 */
export function checkItemValue(
  meta: PlanMeta,
  sku: string,
  field: ItemField,
  value: unknown,
): RuleViolation | undefined {
  const at = { root: 'items', key: sku, field }
  const kind = ITEM_FIELDS[field]
  if (typeof value !== kind) return violation('badValue', `${sku} ${field} must be a ${kind}`, at)
  if (kind === 'number' && !Number.isFinite(value))
    return violation('outOfRange', `${sku} ${field} must be a finite number`, at)
  if (kind === 'number' && (value as number) < 0)
    return violation('outOfRange', `${sku} ${field} must not be negative (got ${value})`, at)
  if (kind === 'number' && (value as number) > meta.maxValue) {
    return violation(
      'outOfRange',
      `${sku} ${field} must be a number from 0 to ${meta.maxValue} (got ${value})`,
      at,
    )
  }
  if (field === 'leadTime' && !Number.isInteger(value))
    return violation('badValue', `${sku} leadTime must be a whole number of periods`, at)
  if (field === 'leadTime' && (value as number) > meta.periodCount)
    return violation(
      'outOfRange',
      `${sku} leadTime must be at most the horizon, ${meta.periodCount} periods (got ${value})`,
      at,
    )
  if (kind === 'string' && (value as string).length > ITEM_TEXT_MAX) {
    return violation(
      'outOfRange',
      `${sku} ${field} must be at most ${ITEM_TEXT_MAX} characters`,
      at,
    )
  }
  if (field === 'resource' && value !== '' && !meta.resources.some((r) => r.id === value))
    return violation(
      'badValue',
      `${sku} resource ${String(value)} is not a resource of this plan`,
      at,
    )
  if (field === 'site' && isUnknownSite(meta.sites, value as string))
    return violation('badValue', `${sku} site ${String(value)} is not a site of this plan`, at)
  return undefined
}

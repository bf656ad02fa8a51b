import * as Y from 'yjs'
import { isValidId } from '../ids.js'
import type { PlanDoc } from '../plan-doc.js'
import type { PlanMeta } from '../plan-meta.js'
import { actualsPeriodIndex, checkActualValue } from './check-actual-value.js'
import { deleted, isType, notAValue, singleValue } from './item-content.js'
import type { Place } from './place-resolver.js'
import type { Role } from './role.js'
import type { RuleViolation } from './rule-violation.js'
import { violation } from './rule-violation.js'

/** The parts of an actuals row holding values whole: actual demand and actual production. */
export function isBasePart(part: string | undefined): boolean {
  return part === 'base' || part === 'productionBase'
}

/** The overlay parts of an actuals row, keyed by plan period. */
export function isEditsPart(part: string | undefined): boolean {
  return part === 'edits' || part === 'productionEdits'
}

/**
 * A client's write into `actuals` (the role was checked before): a planner's new row for a
 * known SKU, created whole (actual demand in `base`/`edits`, and optionally actual production in
 * `productionBase`/`productionEdits`), or one overlay cell checked by `checkActualValue`. Bases are never
 * rewritten by a client; the server's import replaces rows through `Room.change`.
 */
export function checkActualsWrite(
  plan: PlanDoc,
  meta: PlanMeta,
  role: Role,
  place: Place,
  item: Y.Item,
  newItems: Set<string>,
): RuleViolation | undefined {
  const [key, part, period] = place.keys
  const at = { root: 'actuals', key }
  if (!isValidId(key)) return violation('badStructure', `"${key}" is not a valid SKU id`, at)
  if (place.keys.length === 1) {
    if (!isType(item, Y.Map))
      return violation('badStructure', `The actuals row ${key} must be a map`, at)
    if (plan.actuals.has(key))
      return violation('badStructure', `The actuals row ${key} already exists`, at)
    return plan.items.has(key) || newItems.has(key)
      ? undefined
      : violation('badStructure', `No item ${key} for this actuals row`, at)
  }
  if (place.keys.length === 2) {
    if (!place.parentFresh)
      return violation('badStructure', `The ${part} of actuals ${key} cannot be replaced`, at)
    if (isBasePart(part) && isType(item, Y.Array)) return undefined
    if (isEditsPart(part) && isType(item, Y.Map)) return undefined
    return violation('badStructure', `Unknown part "${part}" of actuals ${key}`, at)
  }
  if (place.keys.length === 3 && isBasePart(part)) {
    if (!place.parentFresh)
      return violation('badStructure', `The base of actuals ${key} cannot be rewritten`, at)
    if (item.content instanceof Y.ContentDeleted) return undefined
    const ok =
      item.content instanceof Y.ContentAny &&
      item.content.arr.every(
        (v) => v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0),
      )
    return ok
      ? undefined
      : violation('badValue', `Actuals of ${key} must be numbers ≥ 0 or empty`, at)
  }
  if (place.keys.length === 3 && isEditsPart(part)) {
    const index = actualsPeriodIndex(period)
    const value = singleValue(item)
    if (value === notAValue)
      return violation('badValue', `actuals ${key}, period ${period}: a cell holds one number`, {
        ...at,
        period: index,
      })
    return checkActualValue(meta, role, key, index, value === deleted ? undefined : value)
  }
  return violation('badStructure', `Unexpected content in actuals ${key}`, at)
}

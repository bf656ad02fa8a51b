import * as Y from 'yjs'
import { HISTORY_PERIODS } from '../actuals/history-periods.js'
import { isValidId } from '../ids.js'
import type { PlanDoc } from '../plan-doc.js'
import type { PlanMeta } from '../plan-meta.js'
import type { Measure } from '../roots.js'
import { isMeasure } from '../roots.js'
import { checkCellEdit } from './check-cell-edit.js'
import { deleted, isType, notAValue, periodIndex, singleValue } from './item-content.js'
import type { Place } from './place-resolver.js'
import type { Role } from './role.js'
import type { RuleViolation } from './rule-violation.js'
import { violation } from './rule-violation.js'

/**
 * A write into `demand`, `supply` or `capacity`: a planner's new row (created whole, for a known
 * item or resource), or one overlay cell checked by `checkCellEdit`. Bases are never rewritten.
 */
export function checkMeasureWrite(
  plan: PlanDoc,
  meta: PlanMeta,
  role: Role,
  measure: Measure,
  place: Place,
  item: Y.Item,
  newItems: Set<string>,
): RuleViolation | undefined {
  const [key, part, period] = place.keys
  const at = { root: measure, key }
  if (!isValidId(key))
    return violation('badStructure', `"${key}" is not a valid ${measure} row key`, at)
  if (place.keys.length === 1) {
    if (role !== 'planner')
      return violation('forbiddenRole', `Only a planner may add ${measure} rows`, at)
    if (!isType(item, Y.Map))
      return violation('badStructure', `The ${measure} row ${key} must be a map`, at)
    if (plan.measureRoot(measure).has(key)) {
      return violation(
        'badStructure',
        `The ${measure} row ${key} already exists and cannot be replaced`,
        at,
      )
    }
    const known =
      measure === 'capacity'
        ? meta.resources.some((r) => r.id === key)
        : plan.items.has(key) || newItems.has(key)
    return known
      ? undefined
      : violation(
          'badStructure',
          `No ${measure === 'capacity' ? 'resource' : 'item'} ${key} for this row`,
          at,
        )
  }
  if (place.keys.length === 2) {
    if (!place.parentFresh)
      return violation('badStructure', `The ${part} of ${measure} ${key} cannot be replaced`, at)
    if (part === 'base' && isType(item, Y.Array)) return undefined
    if (part === 'edits' && isType(item, Y.Map)) return undefined
    return violation('badStructure', `Unknown part "${part}" of ${measure} ${key}`, at)
  }
  if (place.keys.length === 3 && part === 'base') {
    if (!place.parentFresh)
      return violation('badStructure', `The base of ${measure} ${key} cannot be rewritten`, at)
    if (item.content instanceof Y.ContentDeleted) return undefined
    if (!(item.content instanceof Y.ContentAny))
      return violation('badValue', `Base values of ${measure} ${key} must be numbers`, at)
    const bad = item.content.arr.find(
      (v) => typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > meta.maxValue,
    )
    return bad === undefined
      ? undefined
      : violation(
          'badValue',
          `Base values of ${measure} ${key} must be numbers from 0 to ${meta.maxValue}`,
          at,
        )
  }
  if (place.keys.length === 3 && part === 'edits') {
    const index = periodIndex(period)
    const value = singleValue(item)
    if (value === notAValue)
      return violation('badValue', `${measure} ${key}, period ${period}: a cell holds one number`, {
        ...at,
        period: index,
      })
    return checkCellEdit(meta, role, measure, key, index, value === deleted ? undefined : value)
  }
  return violation('badStructure', `Unexpected content in ${measure} ${key}`, at)
}

/**
 * A row created by an update must arrive whole: a base array of `periodCount` values and an
 * empty overlay map. A row missing either could never be completed, since adding a part to an
 * existing row counts as replacing it.
 */
export function incompleteRow(
  checked: { item: Y.Item; place: Place }[],
  meta: Pick<PlanMeta, 'periodCount' | 'periodKind'>,
): RuleViolation | undefined {
  const lengthOf = (root: string) =>
    root === 'actuals' ? HISTORY_PERIODS[meta.periodKind] + meta.periodCount : meta.periodCount
  const rows = new Map<
    string,
    {
      root: string
      key: string
      base: number | undefined
      edits: boolean
      productionBase?: number
      productionEdits?: boolean
    }
  >()
  const rowOf = (root: string, key: string) => rows.get(`${root}\u0000${key}`)
  for (const { item, place } of checked) {
    if (!(isMeasure(place.root) || place.root === 'actuals') || item.deleted) continue
    const [key, part, position] = place.keys
    if (place.keys.length === 1)
      rows.set(`${place.root}\u0000${key}`, {
        root: place.root,
        key,
        base: undefined,
        edits: false,
      })
    const row = rowOf(place.root, key)
    if (!row) continue
    if (place.keys.length === 2 && part === 'base') row.base = 0
    if (place.keys.length === 2 && part === 'edits') row.edits = true
    if (place.keys.length === 3 && part === 'base' && position === '#' && row.base !== undefined) {
      row.base += item.length
    }
    if (place.root !== 'actuals') continue
    if (place.keys.length === 2 && part === 'productionBase') row.productionBase = 0
    if (place.keys.length === 2 && part === 'productionEdits') row.productionEdits = true
    if (place.keys.length === 3 && part === 'productionBase' && position === '#')
      row.productionBase = (row.productionBase ?? 0) + item.length
  }
  for (const row of rows.values()) {
    const production =
      row.productionBase === undefined && row.productionEdits === undefined
        ? true
        : row.productionEdits === true && row.productionBase === lengthOf(row.root)
    if (!row.edits || row.base !== lengthOf(row.root) || !production) {
      return violation(
        'badStructure',
        `A new ${row.root} row ${row.key} needs a base of ${lengthOf(row.root)} values and an empty overlay`,
        { root: row.root, key: row.key },
      )
    }
  }
  return undefined
}

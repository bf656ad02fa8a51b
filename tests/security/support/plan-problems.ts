import * as Y from 'yjs'
import {
  HISTORY_PERIODS,
  ID_PATTERN,
  isOverrideReason,
  ITEM_FIELDS,
  MEASURES,
  META_FIELDS,
  parseOverrideReasonKey,
  PlanDoc,
  ROOTS,
} from '@tandem/shared'

/**
 * Everything in a plan document that the layout (docs/plan-document.md) does not allow: unknown
 * roots, meta of the wrong type or out of range, malformed items, rows and cell values that are
 * not finite numbers ≥ 0. An empty list means the plan is sound.
 */
export function planProblems(doc: Y.Doc, periodCount: number): string[] {
  const problems: string[] = []
  for (const root of doc.share.keys())
    if (!(ROOTS as readonly string[]).includes(root)) problems.push(`unknown root "${root}"`)
  const plan = new PlanDoc(doc)
  plan.meta.forEach((value, key) => {
    const kind = (META_FIELDS as Record<string, string>)[key]
    if (!kind || typeof value !== kind) problems.push(`meta.${key} = ${JSON.stringify(value)}`)
  })
  const meta = plan.readMeta()
  if (meta.periodCount !== periodCount) problems.push(`periodCount ${meta.periodCount}`)
  if (!['draft', 'approved'].includes(meta.status)) problems.push(`status ${meta.status}`)
  if (!Number.isInteger(meta.frozenThrough) || meta.frozenThrough < -1)
    problems.push(`frozenThrough ${meta.frozenThrough}`)
  // Values are finite and ≥ 0. The range and precision are checked against the settings at the
  // time of writing, and a planner may change maxValue and decimals later, so they are not
  // re-checked here.
  const isAmount = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0
  plan.items.forEach((item, sku) => {
    if (!ID_PATTERN.test(sku) || !(item instanceof Y.Map)) {
      problems.push(`item "${sku}"`)
      return
    }
    item.forEach((value, field) => {
      const kind = (ITEM_FIELDS as Record<string, string>)[field]
      if (!kind || typeof value !== kind || (kind === 'number' && !isAmount(value)))
        problems.push(`items.${sku}.${field} = ${JSON.stringify(value)}`)
    })
  })
  for (const measure of MEASURES) {
    plan.measureRoot(measure).forEach((row, key) => {
      const base = row instanceof Y.Map ? row.get('base') : undefined
      const edits = row instanceof Y.Map ? row.get('edits') : undefined
      if (!ID_PATTERN.test(key) || !(base instanceof Y.Array) || !(edits instanceof Y.Map)) {
        problems.push(`${measure} row "${key}"`)
        return
      }
      if (row.size !== 2) problems.push(`${measure}.${key} has ${[...row.keys()].join(', ')}`)
      const values = base.toArray() as unknown[]
      if (values.length !== periodCount || !values.every(isAmount))
        problems.push(`${measure}.${key}.base = ${JSON.stringify(values)}`)
      edits.forEach((value, period) => {
        const index = Number(period)
        const inHorizon = /^(0|[1-9]\d*)$/.test(period) && index < periodCount
        if (!inHorizon || !isAmount(value))
          problems.push(`${measure}.${key}.edits[${period}] = ${JSON.stringify(value)}`)
      })
    })
  }
  const history = HISTORY_PERIODS[meta.periodKind]
  plan.actuals.forEach((row, key) => {
    const base = row instanceof Y.Map ? row.get('base') : undefined
    const edits = row instanceof Y.Map ? row.get('edits') : undefined
    if (!ID_PATTERN.test(key) || !(base instanceof Y.Array) || !(edits instanceof Y.Map)) {
      problems.push(`actuals row "${key}"`)
      return
    }
    const values = base.toArray() as unknown[]
    if (values.length !== history + periodCount || !values.every((v) => v === null || isAmount(v)))
      problems.push(`actuals.${key}.base has ${values.length} entries or a bad value`)
    edits.forEach((value, period) => {
      const index = Number(period)
      const inSpan = /^(0|-?[1-9]\d*)$/.test(period) && index >= -history && index < periodCount
      if (!inSpan || !isAmount(value))
        problems.push(`actuals.${key}.edits[${period}] = ${JSON.stringify(value)}`)
    })
  })
  plan.forecast.forEach((value, key) => {
    const values = (value as { values?: unknown } | null)?.values
    if (!ID_PATTERN.test(key) || !Array.isArray(values)) problems.push(`forecast "${key}"`)
  })
  plan.overrideReasons.forEach((value, key) => {
    const cell = parseOverrideReasonKey(key)
    const reason = (value as { reason?: unknown } | null)?.reason
    if (
      !cell ||
      !plan.demand.has(cell.sku) ||
      cell.period >= periodCount ||
      !isOverrideReason(reason)
    )
      problems.push(`overrideReasons "${key}" = ${JSON.stringify(value)}`)
  })
  for (const root of [plan.comments, plan.flags])
    root.forEach((value, key) => {
      if (!ID_PATTERN.test(key) || !(value instanceof Y.Map)) problems.push(`discussion "${key}"`)
    })
  return problems
}

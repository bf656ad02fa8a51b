import type { PlanDoc } from './plan-doc.js'
import type { Measure } from './roots.js'

/**
 * Calls `onChange` with the changed period indexes whenever one row changes, by overlay edit or
 * base rewrite. Returns the function that stops observing.
 */
export function observeRow(
  plan: PlanDoc,
  measure: Measure,
  key: string,
  onChange: (periods: number[]) => void,
): () => void {
  const row = plan.row(measure, key)
  if (!row) throw new Error(`No ${measure} row for ${key}`)
  const onEdits = (event: { keysChanged: Set<string> }) =>
    onChange([...event.keysChanged].map(Number).sort((a, b) => a - b))
  const onBase = () => onChange(Array.from({ length: plan.periodCount }, (_, p) => p))
  row.edits.observe(onEdits)
  row.base.observe(onBase)
  return () => {
    row.edits.unobserve(onEdits)
    row.base.unobserve(onBase)
  }
}

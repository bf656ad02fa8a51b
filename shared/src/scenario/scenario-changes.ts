import type { ScenarioConflict } from '../api/scenario.js'
import type { PlanDoc } from '../plan-doc.js'
import type { Measure } from '../roots.js'

/** A cell the scenario changed since the branch, with the value the base has now. */
export interface ScenarioChange {
  measure: Measure
  key: string
  period: number
  branch: number
  base: number
  scenario: number
}

/**
 * What promoting a scenario would do: every cell of `measures` that the scenario
 * changed since the branch (rows the base has), and among them the conflicts: cells that
 * someone also changed in the base since the branch, to another value than the scenario's.
 * A cell both changed to the same value is neither written nor a conflict.
 */
export function scenarioChanges(
  branch: PlanDoc,
  base: PlanDoc,
  scenario: PlanDoc,
  measures: readonly Measure[],
): { changes: ScenarioChange[]; conflicts: ScenarioConflict[] } {
  const changes: ScenarioChange[] = []
  const conflicts: ScenarioConflict[] = []
  const count = Math.min(base.periodCount, scenario.periodCount)
  for (const measure of measures) {
    for (const key of [...scenario.measureRoot(measure).keys()].sort()) {
      if (!base.row(measure, key)) continue
      const after = scenario.readRow(measure, key)
      const before = branch.readRow(measure, key)
      let now: number[] | undefined
      for (let period = 0; period < count; period++) {
        const was = before[period] ?? 0
        const value = after[period] ?? 0
        if (value === was) continue
        now ??= base.readRow(measure, key)
        const current = now[period] ?? 0
        if (current === value) continue
        const change = { measure, key, period, branch: was, base: current, scenario: value }
        changes.push(change)
        if (current !== was) conflicts.push(change)
      }
    }
  }
  return { changes, conflicts }
}

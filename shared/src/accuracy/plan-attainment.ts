import { observed } from './observed.js'

/**
 * Plan attainment: Σ min(actual, plan) / Σ plan over the periods that have both, so making more
 * than planned in one period does not hide making less in another. Null when nothing was planned
 * (Σ plan is 0) or no period has both values.
 */
export function planAttainment(
  actualProduction: readonly (number | null)[],
  supplyPlan: readonly (number | null)[],
): number | null {
  let met = 0
  let planned = 0
  let count = 0
  const length = Math.min(actualProduction.length, supplyPlan.length)
  for (let i = 0; i < length; i++) {
    const actual = actualProduction[i]
    const plan = supplyPlan[i]
    if (!observed(actual) || !observed(plan)) continue
    count++
    met += Math.min(actual, plan)
    planned += plan
  }
  return count === 0 || planned === 0 ? null : met / planned
}

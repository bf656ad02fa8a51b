/** One overridden cell of a closed period: what the baseline said, what the person set. */
export interface OverrideOutcome {
  sku: string
  period: number
  /** Who last set the cell, from the per-cell history. */
  userId: string
  /** The override reason, or '' when none was given. */
  reason: string
  baseline: number
  final: number
  actual: number
}

export interface OverrideSummary {
  /** The person or the reason this row groups by. */
  key: string
  overrides: number
  /** Overrides whose final value was closer to the actual than the baseline. */
  improved: number
  /** improved / overrides. */
  improvedShare: number
  /** Σ(|baseline − A| − |final − A|): units of error removed (negative = added). */
  valueAddedUnits: number
  /** valueAddedUnits / ΣA of the overridden cells × 100; null when ΣA is 0. */
  valueAddedPoints: number | null
}

/** Forecast value added of overrides, grouped by person or by reason, best first. */
export function overrideValueAdded(
  outcomes: readonly OverrideOutcome[],
  by: 'userId' | 'reason',
): OverrideSummary[] {
  const groups = new Map<
    string,
    { overrides: number; improved: number; units: number; actual: number }
  >()
  for (const outcome of outcomes) {
    const key = outcome[by]
    const group = groups.get(key) ?? { overrides: 0, improved: 0, units: 0, actual: 0 }
    const gain =
      Math.abs(outcome.baseline - outcome.actual) - Math.abs(outcome.final - outcome.actual)
    group.overrides++
    if (gain > 0) group.improved++
    group.units += gain
    group.actual += outcome.actual
    groups.set(key, group)
  }
  return [...groups]
    .map(([key, group]) => ({
      key,
      overrides: group.overrides,
      improved: group.improved,
      improvedShare: group.improved / group.overrides,
      valueAddedUnits: group.units,
      valueAddedPoints: group.actual === 0 ? null : (group.units / group.actual) * 100,
    }))
    .sort((a, b) => b.valueAddedUnits - a.valueAddedUnits || compare(a.key, b.key))
}

/** The SKUs where overrides hurt most: the largest units of error added, worst first. */
export function harmfulOverrides(
  outcomes: readonly OverrideOutcome[],
  limit: number,
): { sku: string; valueAddedUnits: number; overrides: number }[] {
  const bySku = new Map<string, { units: number; overrides: number }>()
  for (const outcome of outcomes) {
    const entry = bySku.get(outcome.sku) ?? { units: 0, overrides: 0 }
    entry.units +=
      Math.abs(outcome.baseline - outcome.actual) - Math.abs(outcome.final - outcome.actual)
    entry.overrides++
    bySku.set(outcome.sku, entry)
  }
  return [...bySku]
    .filter(([, entry]) => entry.units < 0)
    .map(([sku, entry]) => ({ sku, valueAddedUnits: entry.units, overrides: entry.overrides }))
    .sort((a, b) => a.valueAddedUnits - b.valueAddedUnits || compare(a.sku, b.sku))
    .slice(0, limit)
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

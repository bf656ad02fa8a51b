import type { CellRef, Gap, GapKind, GapSeverity } from './gap.js'

/** Thresholds an inventory row is judged against. `maxStock` of 0 means no maximum. */
export interface StockLimits {
  safetyStock: number
  maxStock: number
}

/**
 * Inventory gaps of one SKU, one per run of consecutive periods of one kind. Shortage
 * (PI < 0) takes precedence over below safety stock; excess is PI above maximum stock.
 */
export function inventoryGaps(
  sku: string,
  projected: readonly number[],
  limits: StockLimits,
): Gap[] {
  return runs(projected.length, (t) => {
    const pi = projected[t]
    if (pi < 0) return { kind: 'shortage', amount: -pi }
    if (pi < limits.safetyStock)
      return { kind: 'belowSafetyStock', amount: limits.safetyStock - pi }
    if (limits.maxStock > 0 && pi > limits.maxStock)
      return { kind: 'excess', amount: pi - limits.maxStock }
    return undefined
  }).map((run) => ({
    ...run,
    key: sku,
    severity: inventorySeverity(run.kind, run.worst, limits),
    cells: cellsOf('projected', sku, run.firstPeriod, run.lastPeriod),
  }))
}

/** Capacity gaps of one resource: periods whose load is above 100%. */
export function capacityGaps(resource: string, load: readonly number[]): Gap[] {
  return runs(load.length, (t) =>
    load[t] > 1 ? { kind: 'overCapacity', amount: load[t] - 1 } : undefined,
  ).map((run) => ({
    ...run,
    key: resource,
    severity: run.worst > 0.2 ? 'high' : 'medium',
    cells: cellsOf('capacity', resource, run.firstPeriod, run.lastPeriod),
  }))
}

function inventorySeverity(kind: GapKind, worst: number, limits: StockLimits): GapSeverity {
  if (kind === 'shortage') return 'high'
  if (kind === 'belowSafetyStock') return worst > limits.safetyStock / 2 ? 'medium' : 'low'
  return worst > limits.maxStock / 2 ? 'medium' : 'low'
}

interface Run {
  kind: GapKind
  firstPeriod: number
  lastPeriod: number
  worst: number
}

function runs(
  count: number,
  classify: (t: number) => { kind: GapKind; amount: number } | undefined,
): Run[] {
  const result: Run[] = []
  let current: Run | undefined
  for (let t = 0; t < count; t++) {
    const found = classify(t)
    if (found && current && current.kind === found.kind && current.lastPeriod === t - 1) {
      current.lastPeriod = t
      current.worst = Math.max(current.worst, found.amount)
    } else if (found) {
      current = { kind: found.kind, firstPeriod: t, lastPeriod: t, worst: found.amount }
      result.push(current)
    } else {
      current = undefined
    }
  }
  return result
}

function cellsOf(measure: CellRef['measure'], key: string, first: number, last: number): CellRef[] {
  const cells: CellRef[] = []
  for (let period = first; period <= last; period++) cells.push({ measure, key, period })
  return cells
}

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

/** Why a cell is coloured, with the numbers and the period, for the words a person reads. */
export type GapExplanation =
  | { kind: 'shortage'; period: number; projected: number; amount: number }
  | {
      kind: 'belowSafetyStock'
      period: number
      projected: number
      safetyStock: number
      amount: number
    }
  | { kind: 'excess'; period: number; projected: number; maxStock: number; amount: number }
  | {
      kind: 'overCapacity'
      period: number
      resource: string
      load: number
      required: number
      capacity: number
    }
  | { kind: 'familyShortage'; period: number; family: string; shortage: number; short: number }

/**
 * The inventory gap of a SKU in one period, judged as the Gap row shows it: against zero for a
 * shortage, against safety stock below it, against maximum stock above it.
 */
export function explainInventoryGap(
  projected: readonly number[],
  limits: StockLimits,
  period: number,
): GapExplanation | undefined {
  const pi = projected[period]
  if (pi === undefined) return undefined
  if (pi < 0) return { kind: 'shortage', period, projected: pi, amount: -pi }
  if (pi < limits.safetyStock) {
    return {
      kind: 'belowSafetyStock',
      period,
      projected: pi,
      safetyStock: limits.safetyStock,
      amount: limits.safetyStock - pi,
    }
  }
  if (limits.maxStock > 0 && pi > limits.maxStock) {
    return {
      kind: 'excess',
      period,
      projected: pi,
      maxStock: limits.maxStock,
      amount: pi - limits.maxStock,
    }
  }
  return undefined
}

/** A resource loaded above 100% in one period: its load, the supply it needs and its capacity. */
export function explainCapacityGap(
  resource: string,
  required: readonly number[],
  capacity: readonly number[],
  period: number,
): GapExplanation | undefined {
  const need = required[period] ?? 0
  const available = capacity[period] ?? 0
  const load = available > 0 ? need / available : need > 0 ? Infinity : 0
  if (load <= 1) return undefined
  return { kind: 'overCapacity', period, resource, load, required: need, capacity: available }
}

/** A family with SKUs below zero in one period: the sum of their shortfalls and their count. */
export function explainFamilyShortage(
  family: string,
  shortage: readonly number[],
  short: readonly number[],
  period: number,
): GapExplanation | undefined {
  const count = short[period] ?? 0
  if (count === 0) return undefined
  return { kind: 'familyShortage', period, family, shortage: shortage[period] ?? 0, short: count }
}

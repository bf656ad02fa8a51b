import { periodAt } from './period-at.js'
import { periodStart } from '../periods.js'
import type { PlanDoc } from '../plan-doc.js'
import type { PeriodKind } from '../plan-meta.js'
import { readStatisticalForecast } from '../statistical-forecast/statistical-forecast.js'
import type { AccuracySnapshot } from './accuracy-input.js'

/** A version to extract: its record and where it sits on the plan's calendar. */
export interface SnapshotPlacement {
  id: string
  kind: AccuracySnapshot['kind']
  publishedAt: string
  /** The plan whose calendar the figures are placed on. */
  periodKind: PeriodKind
  firstPeriod: string
  maxLag: number
}

/**
 * What a version's document forecast for the `maxLag` periods after the one it was published
 * in, placed on the plan's calendar by date (the version may be of an earlier horizon).
 */
export function extractAccuracySnapshot(
  version: PlanDoc,
  placement: SnapshotPlacement,
): AccuracySnapshot {
  const { periodKind, firstPeriod, maxLag } = placement
  const publishedPeriod = periodAt(periodKind, firstPeriod, new Date(placement.publishedAt))
  const meta = version.readMeta()
  const offsets: number[] = []
  for (let lag = 1; lag <= maxLag; lag++) {
    const start = periodStart(periodKind, firstPeriod, publishedPeriod + lag)
    const index =
      meta.periodKind === periodKind ? periodAt(periodKind, meta.firstPeriod, start) : -1
    offsets.push(index >= 0 && index < meta.periodCount ? index : -1)
  }
  const skus: string[] = []
  version.items.forEach((_, sku) => skus.push(sku))
  skus.sort()
  const size = skus.length * maxLag
  const demand = new Float64Array(size).fill(Number.NaN)
  const baseline = new Float64Array(size).fill(Number.NaN)
  const supply = new Float64Array(size).fill(Number.NaN)
  const reasons: AccuracySnapshot['reasons'] = []
  const rowOf = new Map<string, number>()
  skus.forEach((sku, row) => {
    rowOf.set(sku, row)
    const hasDemand = version.row('demand', sku) !== undefined
    const hasSupply = version.row('supply', sku) !== undefined
    const statistical = readStatisticalForecast(version, sku)?.values
    offsets.forEach((index, offset) => {
      if (index < 0) return
      const at = row * maxLag + offset
      if (hasDemand) demand[at] = version.readCell('demand', sku, index)
      if (hasSupply) supply[at] = version.readCell('supply', sku, index)
      const value = statistical?.[index]
      if (typeof value === 'number' && Number.isFinite(value)) baseline[at] = value
    })
  })
  const offsetOf = new Map(offsets.map((index, offset) => [index, offset]))
  version.overrideReasons.forEach((value, key) => {
    const at = key.lastIndexOf('@')
    const row = rowOf.get(key.slice(0, at))
    const offset = offsetOf.get(Number(key.slice(at + 1)))
    const reason = (value as { reason?: unknown } | undefined)?.reason
    if (
      row !== undefined &&
      offset !== undefined &&
      offsets[offset]! >= 0 &&
      typeof reason === 'string'
    )
      reasons.push({ row, offset, reason })
  })
  return {
    id: placement.id,
    kind: placement.kind,
    publishedPeriod,
    publishedAt: placement.publishedAt,
    maxLag,
    skus,
    demand,
    baseline,
    supply,
    reasons,
  }
}

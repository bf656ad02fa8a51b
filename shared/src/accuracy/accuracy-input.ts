import type { PeriodKind } from '../plan-meta.js'

/**
 * What one published version forecast for the `maxLag` periods after the one it was published
 * in, on the plan's calendar: entry `row * maxLag + (lag − 1)` is the SKU's value for period
 * `publishedPeriod + lag`. NaN where the version has no value (no row, outside its horizon, or
 * no statistical forecast). Versions are immutable, so this is extracted once per version.
 */
export interface AccuracySnapshot {
  id: string
  kind: 'salesSubmission' | 'consensus'
  publishedPeriod: number
  publishedAt: string
  maxLag: number
  /** SKU ids, in row order. */
  skus: string[]
  demand: Float64Array
  /** The statistical forecast the version held. */
  baseline: Float64Array
  supply: Float64Array
  /** Override reasons the version held: row, lag − 1, reason. */
  reasons: { row: number; offset: number; reason: string }[]
}

/** One SKU of the live plan, as the Accuracy report scopes and labels it. */
export interface AccuracySku {
  sku: string
  name: string
  family: string
  site: string
  resource: string
}

/**
 * Everything the Accuracy report is computed from, in a form that crosses to a worker thread
 * cheaply: the live plan's SKUs and actuals, the versions as snapshots, and who last set each
 * demand cell (per-cell history).
 */
export interface AccuracyInput {
  planId: string
  periodKind: PeriodKind
  firstPeriod: string
  /** Actuals entry 0 is plan period −historyPeriods. */
  historyPeriods: number
  /** Entries per SKU in the actuals arrays. */
  span: number
  skus: AccuracySku[]
  /** skus.length × span, NaN where there is no actual. */
  actualDemand: Float64Array
  actualProduction: Float64Array
  snapshots: AccuracySnapshot[]
  /** The user who last set each demand cell, by `sku@period` (plan period). */
  writers: Record<string, string>
  /** Display names by user id. */
  names: Record<string, string>
  /** The season length of seasonal naive (52 weeks, 12 months). */
  seasonLength: number
}

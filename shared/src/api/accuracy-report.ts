import type { PeriodKind } from '../plan-meta.js'

/** The steps of the forecasting process, in order: each is compared with the one before. */
export const ACCURACY_STAGES = ['naive', 'statistical', 'salesSubmission', 'consensus'] as const
export type AccuracyStage = (typeof ACCURACY_STAGES)[number]

/** The longest lag the Accuracy panel and `GET /api/plans/:id/accuracy` answer for. */
export const MAX_ACCURACY_LAG = 12

/** What `GET /api/plans/:id/accuracy` is asked: a lag and an optional scope. */
export interface AccuracyQuery {
  /** 1 … MAX_ACCURACY_LAG: lag 1 compares each closed period with the version published one period before. */
  lag: number
  family?: string
  site?: string
  sku?: string
  /** The first row of the per-SKU list to answer (0-based); the server pages `skus`. */
  skuOffset?: number
  /** How many rows of the per-SKU list to answer (ACCURACY_SKU_PAGE unless asked). */
  skuLimit?: number
}

/** Per-SKU rows the route answers unless asked for more (`skuLimit`). */
export const ACCURACY_SKU_PAGE = 50

/**
 * Accuracy over a set of cells (SKU × closed period) with both an actual and a forecast.
 * Fractions, not percentages; null is "no data", never 0 (docs/forecasting.md).
 */
export interface AccuracyFigures {
  count: number
  actualTotal: number
  forecastTotal: number
  absoluteError: number
  wmape: number | null
  /** Σ(F − A) / ΣA: positive is an over-forecast. */
  bias: number | null
  mad: number
  /** Σ(A − F) / MAD. */
  trackingSignal: number | null
  /** |trackingSignal| > 4. */
  biased: boolean
  mase: number | null
}

/** One stage's accuracy and the WMAPE points it gained over the stage before. */
export interface StageFigures {
  stage: AccuracyStage
  measures: AccuracyFigures | null
  /** Null for naive, or when either stage has no data on common cells. */
  valueAdded: number | null
}

/** One closed period of the trend: each stage's figures on that period's cells. */
export interface AccuracyTrendPoint {
  /** Plan period index (negative before the plan's first period). */
  period: number
  /** `2026-W40` or `2026-10`. */
  periodKey: string
  /** First day of the period (YYYY-MM-DD). */
  start: string
  stages: StageFigures[]
}

/** The stages of one family or SKU. */
export interface GroupStages {
  key: string
  /** The SKU's name, or the family again. */
  name: string
  stages: StageFigures[]
}

/** Overrides grouped by person or by reason. */
export interface OverrideGroup {
  /** A user id (by person) or an override reason (by reason); '' is unknown or none. */
  key: string
  /** The person's display name, or the key. */
  name: string
  overrides: number
  improved: number
  improvedShare: number
  /** Units of error removed (negative: added). */
  valueAddedUnits: number
  /** The same in WMAPE points of the overridden cells' actuals; null when they sum to 0. */
  valueAddedPoints: number | null
}

/** A SKU where overrides added error. */
export interface HarmfulOverride {
  sku: string
  name: string
  family: string
  site: string
  overrides: number
  valueAddedUnits: number
}

/** A SKU with a large error × volume, at the consensus stage. */
export interface AccuracyOffender {
  sku: string
  name: string
  family: string
  site: string
  actualTotal: number
  forecastTotal: number
  absoluteError: number
  wmape: number | null
  bias: number | null
}

/** Actual production against the supply plan of the consensus at the lag. */
export interface AttainmentRow {
  /** Site id, or resource id. */
  key: string
  site: string
  planned: number
  met: number
  /** Σ min(actual, plan) / Σ plan; null when nothing was planned. */
  attainment: number | null
}

export interface PlanAttainmentReport {
  total: AttainmentRow
  sites: AttainmentRow[]
  resources: AttainmentRow[]
}

/** The answer of `GET /api/plans/:id/accuracy`: everything the Accuracy panel shows. */
export interface AccuracyReport {
  planId: string
  lag: number
  maxLag: number
  family: string | null
  site: string | null
  sku: string | null
  periodKind: PeriodKind
  /** The closed periods measured (plan indices), or null when none has a snapshot at this lag. */
  window: { first: number; last: number; firstKey: string; lastKey: string } | null
  /** Versions used as snapshots, by kind. */
  snapshots: { salesSubmission: number; consensus: number }
  /** SKUs in scope; up to 500 of them, the largest by actual volume, are listed. */
  skuCount: number
  /** SKU rows listed in all; the route answers the page `skuOffset` … of them in `skus`. */
  skuRows: number
  skuOffset: number
  stages: StageFigures[]
  trend: AccuracyTrendPoint[]
  families: GroupStages[]
  /** The page of listed SKUs asked for (`skuOffset`, `skuLimit`), by actual volume. */
  skus: GroupStages[]
  byPerson: OverrideGroup[]
  byReason: OverrideGroup[]
  harmful: HarmfulOverride[]
  offenders: AccuracyOffender[]
  attainment: PlanAttainmentReport
  /** ISO time the figures were computed (the cache keeps them per version set and actuals). */
  computedAt: string
}

import type { ForecastResult } from '@tandem/shared'
import type { PackedHistories } from './packed-histories.js'

/** A forecast to run: every SKU's history, oldest first, null where missing. */
export interface ForecastJob {
  seasonLength: number
  horizon: number
  histories: (number | null)[][]
}

/** What one worker thread is given: its share of the job's histories, packed. */
export interface ForecastWorkerJob {
  seasonLength: number
  horizon: number
  histories: PackedHistories
}

/** Most SKUs whose results a worker sends in one message (fewer for small jobs). */
export const FORECAST_RESULT_CHUNK = 100

/**
 * What the worker sends back: results in order, a chunk at a time (small messages, so that the
 * main thread never deserialises the whole run at once), then the end.
 */
export type ForecastWorkerMessage =
  | { kind: 'results'; from: number; results: ForecastResult[] }
  | { kind: 'done' }
  | { kind: 'failed'; message: string }

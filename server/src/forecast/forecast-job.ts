import type { ForecastResult } from '@tandem/shared'

/** What the forecast worker is given: every SKU's history, oldest first, null where missing. */
export interface ForecastJob {
  seasonLength: number
  horizon: number
  histories: (number | null)[][]
}

/** What the worker sends back: progress now and then, then every result in job order. */
export type ForecastWorkerMessage =
  | { kind: 'progress'; done: number }
  | { kind: 'done'; results: ForecastResult[] }
  | { kind: 'failed'; message: string }

import type { ForecastRunState } from '../protocol.js'

/**
 * Where a plan's forecast run is (`GET /api/plans/:id/forecast`, the answer of
 * `POST /api/plans/:id/forecast`). `idle` when this server has not run one since it started.
 */
export interface ForecastRunStatus {
  state: ForecastRunState | 'idle'
  /** SKUs forecast so far, of `total`. */
  done: number
  total: number
  startedAt?: string
  finishedAt?: string
  /** Why a failed run failed. */
  error?: string
}

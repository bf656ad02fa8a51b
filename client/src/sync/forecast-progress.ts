import type { ForecastRunState } from '@tandem/shared'

/** Where a forecast run of the open plan stands: SKUs done of total. */
export interface ForecastProgress {
  state: ForecastRunState
  done: number
  total: number
}

import { goldenSection } from './golden-section.js'

export type CrostonVariant = 'croston' | 'sba'

interface CrostonRun {
  sse: number
  rate: number
}

function runCroston(values: readonly number[], alpha: number, variant: CrostonVariant): CrostonRun {
  const first = values.findIndex((v) => v > 0)
  if (first < 0) return { sse: 0, rate: 0 }
  const factor = variant === 'sba' ? 1 - alpha / 2 : 1
  let size = values[first]
  let interval = first + 1
  let since = 0
  let sse = 0
  for (let t = first + 1; t < values.length; t++) {
    const e = values[t] - (factor * size) / interval
    sse += e * e
    since++
    if (values[t] > 0) {
      size += alpha * (values[t] - size)
      interval += alpha * (since - interval)
      since = 0
    }
  }
  return { sse, rate: (factor * size) / interval }
}

/**
 * Croston's method for intermittent demand: demand sizes and the intervals between demands are
 * smoothed separately (both with `alpha`), updated only in periods with demand, and the forecast
 * is size / interval. `sba` applies the Syntetos–Boylan correction (1 − alpha/2). Starts from the
 * first demand, its size, and its position + 1 as the first interval. Without `alpha`, it is
 * chosen in [0.02, 0.5] by golden section on the in-sample one-step SSE.
 */
export function croston(
  values: readonly number[],
  horizon: number,
  variant: CrostonVariant = 'croston',
  alpha?: number,
): number[] {
  const chosen = alpha ?? goldenSection((a) => runCroston(values, a, variant).sse, 0.02, 0.5)
  return new Array<number>(horizon).fill(runCroston(values, chosen, variant).rate)
}

/** Croston with the Syntetos–Boylan approximation. */
export function sba(values: readonly number[], horizon: number, alpha?: number): number[] {
  return croston(values, horizon, 'sba', alpha)
}

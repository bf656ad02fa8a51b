/** One hold-out: fit on `values[0..origin)`, forecast `steps` periods and compare. */
export interface HoldoutOrigin {
  origin: number
  steps: number
}

/** How many origins the rolling hold-out uses at most. */
export const HOLDOUT_ORIGINS = 3

/**
 * Rolling-origin hold-outs, latest first: each forecasts `w = min(horizon, n/3)` periods (fewer
 * if the fit would be shorter than `minFit`), and the origins step back by half a window.
 * Empty when not even one period can be held out.
 */
export function rollingOrigins(n: number, horizon: number, minFit: number): HoldoutOrigin[] {
  const steps = Math.min(horizon, Math.floor(n / 3), n - minFit)
  if (steps < 1) return []
  const stride = Math.max(1, Math.ceil(steps / 2))
  const origins: HoldoutOrigin[] = []
  for (let k = 0; k < HOLDOUT_ORIGINS; k++) {
    const origin = n - steps - k * stride
    if (origin < minFit) break
    origins.push({ origin, steps })
  }
  return origins
}

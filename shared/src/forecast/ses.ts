import { additiveSmoothingForecast, fitAdditiveSmoothing } from './additive-smoothing.js'
import { goldenSection } from './golden-section.js'

/** Simple exponential smoothing: alpha by golden section on the in-sample SSE, the initial level by least squares. */
export function ses(values: readonly number[], horizon: number): number[] {
  const fitFor = (alpha: number) =>
    fitAdditiveSmoothing(values, { alpha, beta: 0, phi: 1, trend: false })
  const alpha = goldenSection((a) => fitFor(a).sse, 0.0001, 0.9999)
  return additiveSmoothingForecast(fitFor(alpha), 1, horizon)
}

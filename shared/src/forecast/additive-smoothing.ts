/** Smoothing parameters of an additive exponential smoothing model (error-correction form). */
export interface AdditiveSmoothingParameters {
  alpha: number
  /** Trend smoothing; 0 and no trend when `trend` is false. */
  beta: number
  /** Damping: 1 for Holt's linear trend. */
  phi: number
  trend: boolean
  /** Additive seasonal states at the start, one per season position, and their smoothing. */
  seasonal?: { initial: readonly number[]; gamma: number }
}

/** A fitted additive model: its in-sample SSE and its states after the last value. */
export interface AdditiveSmoothingFit {
  sse: number
  level: number
  slope: number
  /** Seasonal states for the next `m` periods, the first for the period after the history. */
  season: number[]
}

/**
 * Fits SES, Holt, damped trend or additive Holt-Winters for fixed smoothing parameters, choosing
 * the initial level and slope by least squares in the same pass: the one-step errors are linear in
 * the initial states, so three superposed runs (data from zero states, unit level, unit slope)
 * give the normal equations directly.
 */
export function fitAdditiveSmoothing(
  values: readonly number[],
  p: AdditiveSmoothingParameters,
): AdditiveSmoothingFit {
  const { alpha, phi, trend } = p
  const beta = trend ? p.beta : 0
  const m = p.seasonal?.initial.length ?? 0
  const gamma = p.seasonal?.gamma ?? 0
  const s0 = p.seasonal ? [...p.seasonal.initial] : []
  const sL = new Array<number>(m).fill(0)
  const sB = new Array<number>(m).fill(0)
  let l0 = 0
  let b0 = 0
  let lL = 1
  let bL = 0
  let lB = 0
  let bB = 1
  let e00 = 0
  let e0L = 0
  let e0B = 0
  let eLL = 0
  let eLB = 0
  let eBB = 0
  for (let t = 0; t < values.length; t++) {
    const k = m > 0 ? t % m : 0
    const e0 = values[t] - (l0 + phi * b0 + (m > 0 ? s0[k] : 0))
    const eL = -(lL + phi * bL + (m > 0 ? sL[k] : 0))
    const eB = -(lB + phi * bB + (m > 0 ? sB[k] : 0))
    e00 += e0 * e0
    e0L += e0 * eL
    e0B += e0 * eB
    eLL += eL * eL
    eLB += eL * eB
    eBB += eB * eB
    l0 = l0 + phi * b0 + alpha * e0
    b0 = phi * b0 + beta * e0
    lL = lL + phi * bL + alpha * eL
    bL = phi * bL + beta * eL
    lB = lB + phi * bB + alpha * eB
    bB = phi * bB + beta * eB
    if (m > 0) {
      s0[k] += gamma * e0
      sL[k] += gamma * eL
      sB[k] += gamma * eB
    }
  }
  let x = 0
  let y = 0
  const det = eLL * eBB - eLB * eLB
  if (trend && det > 1e-12 * Math.max(1, eLL * eBB)) {
    x = (-e0L * eBB + e0B * eLB) / det
    y = (-e0B * eLL + e0L * eLB) / det
  } else if (eLL > 1e-12) {
    x = -e0L / eLL
  }
  const sse = Math.max(
    0,
    e00 + 2 * x * e0L + 2 * y * e0B + x * x * eLL + 2 * x * y * eLB + y * y * eBB,
  )
  const n = values.length
  const season: number[] = []
  for (let j = 0; j < m; j++) {
    const k = (n + j) % m
    season.push(s0[k] + x * sL[k] + y * sB[k])
  }
  return { sse, level: l0 + x * lL + y * lB, slope: b0 + x * bL + y * bB, season }
}

/** The h-step forecasts of a fitted additive model. */
export function additiveSmoothingForecast(
  fit: AdditiveSmoothingFit,
  phi: number,
  horizon: number,
): number[] {
  const out: number[] = []
  let damp = 0
  let power = 1
  for (let h = 1; h <= horizon; h++) {
    power *= phi
    damp += power
    const s = fit.season.length > 0 ? fit.season[(h - 1) % fit.season.length] : 0
    out.push(fit.level + damp * fit.slope + s)
  }
  return out
}

import type { Candidate } from './candidates.js'
import { mase } from './mase.js'
import type { HoldoutOrigin } from './rolling-origins.js'

/** A candidate's rolling-origin hold-out: its forecasts and errors per origin, and mean MASE. */
export interface HoldoutScore {
  forecasts: number[][]
  /** actual − forecast, per origin and step. */
  errors: number[][]
  mase: number
}

/** Scores forecasts made at each origin against what followed it. */
export function scoreHoldout(
  values: readonly number[],
  origins: readonly HoldoutOrigin[],
  forecasts: number[][],
  m: number,
): HoldoutScore {
  let total = 0
  const errors = origins.map(({ origin, steps }, i) => {
    const actual = values.slice(origin, origin + steps)
    total += mase(actual, forecasts[i], values.slice(0, origin), m)
    return actual.map((a, h) => a - forecasts[i][h])
  })
  return { forecasts, errors, mase: total / origins.length }
}

/** Fits the candidate at every origin (never on what follows) and scores it. */
export function evaluateHoldout(
  values: readonly number[],
  candidate: Candidate,
  origins: readonly HoldoutOrigin[],
  m: number,
): HoldoutScore {
  const forecasts = origins.map(({ origin, steps }) =>
    candidate.forecast(values.slice(0, origin), steps).map((f) => Math.max(0, f)),
  )
  return scoreHoldout(values, origins, forecasts, m)
}

import type { Candidate } from './candidates.js'
import { complexityOf } from './candidates.js'
import type { ForecastMethod } from './forecast-result.js'
import type { HoldoutScore } from './holdout-evaluation.js'
import { evaluateHoldout, scoreHoldout } from './holdout-evaluation.js'
import type { HoldoutOrigin } from './rolling-origins.js'

/** Hold-out MASEs closer than this (relative) are a tie, which goes to the simpler model. */
export const TIE_TOLERANCE = 1e-6
/** A hold-out MASE below this is exact (rounding aside). */
const EXACT = 1e-9
/**
 * A single model replaces the combination only when its hold-out MASE is at most this share of
 * the combination's: a hold-out of a few origins is noisy, and on the M3 monthly series picking
 * the single hold-out winner scored 14.7 sMAPE against 13.7 for the combination (docs/forecasting.md).
 */
export const SWITCH_SHARE = 0.5

const exact = (score: HoldoutScore): HoldoutScore =>
  score.mase < EXACT ? { ...score, mase: 0 } : score

/** The hold-out's choice: one candidate, or the combination (the mean) of several. */
export interface Selection {
  method: ForecastMethod
  members: Candidate[]
  score: HoldoutScore
}

/**
 * Scores every candidate and the combination of `combined` on the rolling-origin hold-out. The
 * best single model (ties to the simpler) is chosen if it beats the combination clearly
 * (`SWITCH_SHARE`); otherwise the combination is.
 */
export function selectForecaster(
  values: readonly number[],
  candidates: readonly Candidate[],
  combined: readonly ForecastMethod[],
  origins: readonly HoldoutOrigin[],
  m: number,
): Selection {
  const singles: Selection[] = candidates.map((candidate) => ({
    method: candidate.method,
    members: [candidate],
    score: exact(evaluateHoldout(values, candidate, origins, m)),
  }))
  const better = (a: Selection, b: Selection) => {
    const gap = a.score.mase - b.score.mase
    if (Math.abs(gap) <= TIE_TOLERANCE * Math.max(a.score.mase, b.score.mase))
      return complexityOf(a.method) < complexityOf(b.method)
    return gap < 0
  }
  const best = singles.reduce((winner, option) => (better(option, winner) ? option : winner))
  const members = singles.filter((s) => combined.includes(s.method))
  if (members.length < 2) return best
  const forecasts = origins.map((_, i) =>
    members[0].score.forecasts[i].map(
      (_f, h) => members.reduce((sum, s) => sum + s.score.forecasts[i][h], 0) / members.length,
    ),
  )
  const combination: Selection = {
    method: 'combination',
    members: members.map((s) => s.members[0]),
    score: exact(scoreHoldout(values, origins, forecasts, m)),
  }
  return best.score.mase <= SWITCH_SHARE * combination.score.mase ? best : combination
}

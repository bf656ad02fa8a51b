import { accuracyMeasures, type AccuracyMeasures } from './accuracy-measures.js'
import { observed } from './observed.js'

/** One step of the forecasting process and what it forecast for each period. */
export interface ForecastStage {
  /** e.g. 'naive', 'statistical', 'salesSubmission', 'consensus'. */
  stage: string
  forecast: readonly (number | null)[]
}

export interface StageValueAdded {
  stage: string
  measures: AccuracyMeasures | null
  /**
   * WMAPE points gained over the stage before: previous WMAPE − this WMAPE, × 100. Positive
   * means this step made the forecast better. Null for the first stage, or when either side has
   * no data.
   */
  valueAdded: number | null
}

/**
 * Forecast value added, stage by stage. Each stage is compared with the one before on the
 * periods both have, so a stage with fewer snapshots does not look better by omission.
 */
export function forecastValueAdded(
  actual: readonly (number | null)[],
  stages: readonly ForecastStage[],
): StageValueAdded[] {
  return stages.map((stage, index) => {
    const measures = accuracyMeasures(actual, stage.forecast)
    if (index === 0) return { stage: stage.stage, measures, valueAdded: null }
    const previous = stages[index - 1]!
    const common = actual.map((value, period) =>
      observed(stage.forecast[period]) && observed(previous.forecast[period]) ? value : null,
    )
    const before = accuracyMeasures(common, previous.forecast)
    const after = accuracyMeasures(common, stage.forecast)
    const valueAdded =
      before?.wmape == null || after?.wmape == null ? null : (before.wmape - after.wmape) * 100
    return { stage: stage.stage, measures, valueAdded }
  })
}

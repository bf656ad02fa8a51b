import type { AccuracyMeasures } from './accuracy-measures.js'
import { MeasureSum } from './measure-sum.js'
import type { StageValueAdded } from './forecast-value-added.js'

/**
 * `forecastValueAdded` as running sums: per stage its own measures, and per pair of adjacent
 * stages the WMAPE of both on the cells both have. Add one cell at a time with the forecast of
 * every stage (NaN where a stage has none).
 */
export class StageSums {
  private readonly own: MeasureSum[]
  private readonly before: MeasureSum[]
  private readonly after: MeasureSum[]

  constructor(private readonly stages: readonly string[]) {
    this.own = stages.map(() => new MeasureSum())
    this.before = stages.map(() => new MeasureSum())
    this.after = stages.map(() => new MeasureSum())
  }

  /** One cell: its actual, each stage's forecast (NaN: none) and its SKU's naive scale. */
  add(actual: number, forecasts: ArrayLike<number>, scale: number): void {
    for (let s = 0; s < this.stages.length; s++) {
      const f = forecasts[s]!
      if (f !== f) continue
      this.own[s]!.add(actual, f, scale)
      if (s === 0) continue
      const previous = forecasts[s - 1]!
      if (previous !== previous) continue
      this.before[s]!.add(actual, previous, scale)
      this.after[s]!.add(actual, f, scale)
    }
  }

  /** Ends a period, for the tracking signal (see `MeasureSum.closePeriod`). */
  closePeriod(): void {
    for (const sum of this.own) sum.closePeriod()
  }

  finish(): StageValueAdded[] {
    return this.stages.map((stage, s) => {
      const measures: AccuracyMeasures | null = this.own[s]!.finish()
      if (s === 0) return { stage, measures, valueAdded: null }
      const b = this.before[s]!.finish()?.wmape
      const a = this.after[s]!.finish()?.wmape
      return { stage, measures, valueAdded: b == null || a == null ? null : (b - a) * 100 }
    })
  }
}

import { describe, expect, it } from 'vitest'
import { accuracyMeasures } from './accuracy-measures.js'
import { forecastValueAdded } from './forecast-value-added.js'
import { MeasureSum } from './measure-sum.js'
import { StageSums } from './stage-sums.js'
import { seededRandom } from '../seeded-random.js'

describe('MeasureSum and StageSums', () => {
  const random = seededRandom(7)
  const value = () => (random.next() < 0.2 ? null : random.int(0, 200))
  const actual = Array.from({ length: 60 }, value)
  const stages = ['naive', 'statistical', 'salesSubmission', 'consensus'].map((stage) => ({
    stage,
    forecast: Array.from({ length: 60 }, value),
  }))

  it('gives what accuracyMeasures gives for the same cells', () => {
    const sum = new MeasureSum()
    actual.forEach((a, i) => {
      const f = stages[1]!.forecast[i]
      if (a !== null && f !== null && f !== undefined) sum.add(a, f, 4)
      sum.closePeriod()
    })
    const expected = accuracyMeasures(actual, stages[1]!.forecast, 4)!
    const got = sum.finish()!
    for (const key of Object.keys(expected) as (keyof typeof expected)[])
      if (typeof expected[key] === 'number') expect(got[key]).toBeCloseTo(expected[key], 9)
      else expect(got[key]).toBe(expected[key])
  })

  it('gives what forecastValueAdded gives, stage by stage', () => {
    const sums = new StageSums(stages.map((s) => s.stage))
    actual.forEach((a, i) => {
      if (a === null) return
      sums.add(
        a,
        stages.map((s) => s.forecast[i] ?? Number.NaN),
        Number.NaN,
      )
      sums.closePeriod()
    })
    const expected = forecastValueAdded(actual, stages)
    const got = sums.finish()
    got.forEach((stage, s) => {
      expect(stage.measures?.wmape).toBeCloseTo(expected[s]!.measures!.wmape!, 9)
      if (s === 0) expect(stage.valueAdded).toBeNull()
      else expect(stage.valueAdded).toBeCloseTo(expected[s]!.valueAdded!, 9)
    })
  })

  it('takes the tracking signal of the total when a period has several cells', () => {
    const sum = new MeasureSum()
    sum.add(100, 90, Number.NaN) // period 1: +10 and −10 cancel
    sum.add(100, 110, Number.NaN)
    sum.closePeriod()
    sum.add(100, 80, Number.NaN) // period 2: +20
    // Σ(A − F) = 20 over the mean |period error| (0 + 20) / 2 = 10
    expect(sum.finish()!.trackingSignal).toBe(2)
  })

  it('has no MASE without a scale and no figures without cells', () => {
    const sum = new MeasureSum()
    expect(sum.finish()).toBeNull()
    sum.add(10, 12, Number.NaN)
    expect(sum.finish()!.mase).toBeNull()
    sum.add(10, 14, 2) // MASE counts only the cell with a scale: 4 / 2
    expect(sum.finish()!.mase).toBe(2)
  })
})

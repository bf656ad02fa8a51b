import { describe, expect, it } from 'vitest'
import { accuracyMeasures } from './accuracy-measures.js'
import { seasonalNaiveScale } from './seasonal-naive-scale.js'

describe('accuracyMeasures', () => {
  it('computes WMAPE, bias, MAD and tracking signal on a hand-computed case', () => {
    // A = 100, 200, 100; F = 110, 180, 130 → errors F − A = +10, −20, +30
    const m = accuracyMeasures([100, 200, 100], [110, 180, 130])!
    expect(m.count).toBe(3)
    expect(m.absoluteError).toBe(60)
    expect(m.wmape).toBeCloseTo(60 / 400, 12)
    expect(m.bias).toBeCloseTo(20 / 400, 12) // over-forecast by 5 %
    expect(m.mad).toBe(20)
    expect(m.trackingSignal).toBeCloseTo(-20 / 20, 12) // Σ(A − F) = −20
    expect(m.biased).toBe(false)
  })

  it('lets negative errors cancel in bias but not in WMAPE', () => {
    const m = accuracyMeasures([100, 100], [150, 50])!
    expect(m.bias).toBe(0)
    expect(m.wmape).toBe(0.5) // 100 of 200 off
    expect(m.trackingSignal).toBe(0)
  })

  it('flags a series whose tracking signal passes 4', () => {
    // always 10 under: Σ(A − F) = 60, MAD = 10 → TS = 6
    const m = accuracyMeasures([110, 110, 110, 110, 110, 110], [100, 100, 100, 100, 100, 100])!
    expect(m.trackingSignal).toBe(6)
    expect(m.biased).toBe(true)
    expect(m.bias).toBeCloseTo(-60 / 660, 12) // under-forecast
  })

  it('says "no data" for zero actuals instead of a percentage', () => {
    const m = accuracyMeasures([0, 0], [5, 0])!
    expect(m.absoluteError).toBe(5)
    expect(m.wmape).toBeNull()
    expect(m.bias).toBeNull()
  })

  it('returns null, not a perfect score, when no period has both values', () => {
    expect(accuracyMeasures([], [])).toBeNull()
    expect(accuracyMeasures([null, 100], [100, null])).toBeNull()
  })

  it('skips a period with no snapshot at that lag', () => {
    const m = accuracyMeasures([100, 100, 100], [100, null, 50])!
    expect(m.count).toBe(2)
    expect(m.wmape).toBe(0.25)
  })

  it('scales MASE by the in-sample seasonal naive error', () => {
    const history = [10, 20, 30, 14, 24, 34] // season 3: |14−10|, |24−20|, |34−30| → 4
    expect(seasonalNaiveScale(history, 3)).toBe(4)
    const m = accuracyMeasures([18, 28], [20, 24], seasonalNaiveScale(history, 3))!
    expect(m.mad).toBe(3)
    expect(m.mase).toBe(0.75)
  })

  it('has no MASE for a SKU with no history', () => {
    expect(seasonalNaiveScale([], 12)).toBeNull()
    expect(seasonalNaiveScale([5, 6], 12)).toBeNull()
    expect(accuracyMeasures([5], [6], seasonalNaiveScale([], 12))!.mase).toBeNull()
  })
})

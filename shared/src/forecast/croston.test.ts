import { describe, expect, it } from 'vitest'
import { croston, sba } from './croston.js'
import { tsb } from './tsb.js'

describe('croston', () => {
  // Sizes 3, 5, 2 at intervals 2 (from the start), 3, 2; alpha 0.5:
  // size 3 → 3 + 0.5·(5 − 3) = 4 → 4 + 0.5·(2 − 4) = 3; interval 2 → 2.5 → 2.25; 3 / 2.25 = 4/3.
  const history = [0, 3, 0, 0, 5, 0, 2]

  it('forecasts smoothed size over smoothed interval, as computed by hand', () => {
    croston(history, 3, 'croston', 0.5).forEach((v) => expect(v).toBeCloseTo(4 / 3, 12))
  })

  it('applies the Syntetos–Boylan correction 1 − alpha/2', () => {
    sba(history, 2, 0.5).forEach((v) => expect(v).toBeCloseTo(1, 12))
  })

  it('forecasts zero without any demand', () => {
    expect(croston([0, 0, 0], 2)).toEqual([0, 0])
  })

  it('lets TSB decay toward zero after demand stops, unlike Croston', () => {
    const stopped = [4, 0, 5, 4, 0, 6, 5, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    expect(tsb(stopped, 1)[0]).toBeLessThan(croston(stopped, 1)[0])
  })
})

import { describe, expect, it } from 'vitest'
import { dampedTrend, holt } from './holt.js'

describe('holt', () => {
  it('extrapolates a straight line exactly', () => {
    const line = Array.from({ length: 20 }, (_, t) => 5 - 0.5 * t)
    holt(line, 6).forEach((v, h) => expect(v).toBeCloseTo(5 - 0.5 * (20 + h), 8))
  })

  it('damps the trend so the damped forecast flattens out', () => {
    const line = Array.from({ length: 20 }, (_, t) => 100 + 4 * t)
    const forecast = dampedTrend(line, 24)
    expect(forecast[0]).toBeGreaterThan(176)
    expect(forecast[23] - forecast[22]).toBeLessThan(forecast[1] - forecast[0])
    expect(forecast[23]).toBeLessThan(100 + 4 * 43)
  })
})

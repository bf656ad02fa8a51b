import { describe, expect, it } from 'vitest'
import { seededRandom } from '../seeded-random.js'
import { forecastSeries } from './forecast-series.js'

const noisySeasonal = (n: number, seed: number) => {
  const random = seededRandom(seed)
  return Array.from(
    { length: n },
    (_, t) => 100 + t + 30 * Math.sin((2 * Math.PI * t) / 12) + 10 * (random.next() - 0.5),
  )
}

describe('forecastSeries', () => {
  it('forecasts a constant series as the constant, with a zero-width interval', () => {
    const result = forecastSeries(new Array(36).fill(42), { seasonLength: 12, horizon: 6 })
    expect(result.values).toEqual(new Array(6).fill(42))
    expect(result.lower80).toEqual(result.values)
    expect(result.upper95).toEqual(result.values)
    expect(result.method).toBe('naive')
    expect(result.demandClass).toBe('smooth')
    expect(result.holdoutMase).toBe(0)
  })

  it('extrapolates a straight line exactly, choosing Holt on the hold-out', () => {
    const line = Array.from({ length: 30 }, (_, t) => 10 + 3 * t)
    const result = forecastSeries(line, { seasonLength: 1, horizon: 5 })
    expect(result.method).toBe('holt')
    expect(result.trend).toBe('additive')
    result.values.forEach((v, h) => expect(v).toBeCloseTo(10 + 3 * (30 + h), 6))
  })

  it('repeats a pure seasonal pattern with seasonal naive, the simplest exact model', () => {
    const season = [5, 8, 12, 20, 30, 26, 18, 11, 7, 4, 3, 6]
    // Six seasons: the 90 % limit grows with the autocorrelations at shorter lags, which a smooth
    // pattern has too, so three seasons of this one do not pass the season test.
    const history = new Array(6).fill(season).flat()
    const result = forecastSeries(history, { seasonLength: 12, horizon: 12 })
    expect(result.method).toBe('seasonalNaive')
    expect(result.seasonLength).toBe(12)
    expect(result.values).toEqual(season)
  })

  it('gives the same output for the same input', () => {
    const history = noisySeasonal(60, 7)
    const a = forecastSeries(history, { seasonLength: 12, horizon: 18 })
    const b = forecastSeries([...history], { seasonLength: 12, horizon: 18 })
    expect(b).toEqual(a)
    expect(a.values).toHaveLength(18)
    expect(a.seasonLength).toBe(12)
    expect(a.holdoutMase).toBeGreaterThan(0)
  })

  it('keeps the 80 % band inside the 95 % band around the forecast', () => {
    const result = forecastSeries(noisySeasonal(48, 3), { seasonLength: 12, horizon: 12 })
    result.values.forEach((v, h) => {
      expect(result.lower95[h]).toBeLessThanOrEqual(result.lower80[h])
      expect(result.lower80[h]).toBeLessThanOrEqual(v)
      expect(result.upper80[h]).toBeGreaterThanOrEqual(v)
      expect(result.upper95[h]).toBeGreaterThanOrEqual(result.upper80[h])
    })
    expect(result.upper80[11] - result.lower80[11]).toBeGreaterThan(
      result.upper80[0] - result.lower80[0],
    )
  })

  it('forecasts zeros for a series of zeros', () => {
    const result = forecastSeries(new Array(24).fill(0), { seasonLength: 12, horizon: 4 })
    expect(result).toMatchObject({ method: 'zero', demandClass: 'none', holdoutMase: null })
    expect(result.values).toEqual([0, 0, 0, 0])
    expect(result.upper80).toEqual([0, 0, 0, 0])
  })

  it('treats the missing periods before a new product as missing, not zero', () => {
    const sold = [20, 22, 21, 23, 22, 24, 23, 25, 24, 26]
    const history = [...new Array<number | null>(26).fill(null), ...sold]
    const result = forecastSeries(history, { seasonLength: 12, horizon: 3 })
    expect(result.historyLength).toBe(10)
    expect(result.demandClass).toBe('smooth')
    expect(Math.min(...result.values)).toBeGreaterThan(20)
  })

  it('forecasts periods not reported yet at the end and returns the horizon after them', () => {
    const line = Array.from({ length: 24 }, (_, t) => 10 + 2 * t)
    const history = [...line, NaN, null]
    const result = forecastSeries(history, { seasonLength: 1, horizon: 2 })
    expect(result.values[0]).toBeCloseTo(10 + 2 * 26, 6)
    expect(result.values[1]).toBeCloseTo(10 + 2 * 27, 6)
  })

  it('never forecasts negative demand', () => {
    const falling = Array.from({ length: 24 }, (_, t) => 100 - 5 * t)
    const result = forecastSeries(falling, { seasonLength: 1, horizon: 12 })
    expect(Math.min(...result.values, ...result.lower95)).toBe(0)
    expect(result.values[11]).toBe(0)
  })

  it('uses the intermittent family for intermittent demand', () => {
    const random = seededRandom(11)
    const history = Array.from({ length: 48 }, () => (random.next() < 0.3 ? random.int(3, 5) : 0))
    const result = forecastSeries(history, { seasonLength: 12, horizon: 6 })
    expect(result.demandClass).toBe('intermittent')
    expect(['naive', 'ses', 'croston', 'sba', 'tsb', 'combination']).toContain(result.method)
    expect(result.seasonLength).toBe(1)
    expect(new Set(result.values).size).toBe(1)
  })

  it('refuses a season length or horizon that is not a whole number', () => {
    expect(() => forecastSeries([1, 2], { seasonLength: 0, horizon: 1 })).toThrow(/seasonLength/)
    expect(() => forecastSeries([1, 2], { seasonLength: 12, horizon: 1.5 })).toThrow(/horizon/)
  })
})

import { describe, expect, it } from 'vitest'
import { holtWintersAdditive, holtWintersMultiplicative } from './holt-winters.js'
import { seasonalNaive } from './seasonal-naive.js'

const season = [12, 15, 20, 28, 35, 31, 24, 18, 14, 10, 9, 11]
const history = [...season, ...season, ...season]

describe('a pure seasonal pattern', () => {
  it('repeats under seasonal naive', () => {
    expect(seasonalNaive(history, 18, 12)).toEqual([...season, ...season.slice(0, 6)])
  })

  it('repeats under additive Holt-Winters', () => {
    holtWintersAdditive(history, 18, 12).forEach((v, h) => expect(v).toBeCloseTo(season[h % 12], 6))
  })

  it('repeats under multiplicative Holt-Winters', () => {
    holtWintersMultiplicative(history, 18, 12).forEach((v, h) =>
      expect(v).toBeCloseTo(season[h % 12], 6),
    )
  })

  it('grows with its trend under Holt-Winters', () => {
    const trending = history.map((v, t) => v + 2 * t)
    holtWintersAdditive(trending, 12, 12).forEach((v, h) =>
      expect(v).toBeCloseTo(season[h] + 2 * (36 + h), 4),
    )
  })
})

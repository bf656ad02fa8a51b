import { describe, expect, it } from 'vitest'
import { seededRandom } from '../seeded-random.js'
import { seasonalIndices } from './seasonal-indices.js'
import { isSeasonal } from './seasonality-test.js'

describe('isSeasonal', () => {
  it('finds a yearly season and not one in noise', () => {
    const random = seededRandom(5)
    const seasonal = Array.from(
      { length: 48 },
      (_, t) => 50 + 20 * Math.cos((2 * Math.PI * t) / 12) + 5 * random.next(),
    )
    const noise = Array.from({ length: 48 }, () => 50 + 20 * random.next())
    expect(isSeasonal(seasonal, 12)).toBe(true)
    expect(isSeasonal(noise, 12)).toBe(false)
  })

  it('never finds a season under two seasons of history', () => {
    const seasonal = Array.from(
      { length: 23 },
      (_, t) => 50 + 20 * Math.cos((2 * Math.PI * t) / 12),
    )
    expect(isSeasonal(seasonal, 12)).toBe(false)
    expect(isSeasonal(seasonal, 1)).toBe(false)
  })
})

describe('seasonalIndices', () => {
  it('recovers a multiplicative figure with mean 1 under a trend', () => {
    const figure = [0.8, 1.2, 1.0, 1.0]
    const values = Array.from({ length: 40 }, (_, t) => 100 * figure[t % 4])
    seasonalIndices(values, 4).forEach((s, k) => expect(s).toBeCloseTo(figure[k], 10))
    expect(seasonalIndices(values.slice(0, 7), 4)).toEqual([1, 1, 1, 1])
  })
})

import { describe, expect, it } from 'vitest'
import type { Candidate } from './candidates.js'
import { naive } from './naive.js'
import { rollingOrigins } from './rolling-origins.js'
import { selectForecaster } from './select-forecaster.js'

const candidate = (method: Candidate['method'], forecast: Candidate['forecast']): Candidate => ({
  method,
  trend: 'none',
  seasonal: false,
  forecast,
})

// Alternating 10, 30: naive is always 20 off, "the previous-but-one value" is exact.
const history = Array.from({ length: 30 }, (_, t) => (t % 2 === 0 ? 10 : 30))
const alternate = (values: readonly number[], horizon: number) =>
  Array.from({ length: horizon }, (_, h) => values[values.length - 2 + (h % 2)])
const mean = (values: readonly number[], horizon: number) =>
  new Array<number>(horizon).fill(values.reduce((a, b) => a + b, 0) / values.length)
const origins = rollingOrigins(history.length, 6, 4)

describe('selectForecaster', () => {
  it('picks the model that wins the hold-out, whatever its in-sample fit', () => {
    const choice = selectForecaster(
      history,
      [candidate('naive', naive), candidate('ses', mean), candidate('theta', alternate)],
      [],
      origins,
      1,
    )
    expect(choice.method).toBe('theta')
    expect(choice.score.mase).toBe(0)
  })

  it('gives a tie to the simpler model', () => {
    const choice = selectForecaster(
      history,
      [candidate('holt', alternate), candidate('seasonalNaive', alternate)],
      [],
      origins,
      1,
    )
    expect(choice.method).toBe('seasonalNaive')
  })

  it('keeps the combination unless a single model clearly beats it', () => {
    const ahead = (values: readonly number[], horizon: number) =>
      alternate(values, horizon).map((v) => v + 4)
    const behind = (values: readonly number[], horizon: number) =>
      alternate(values, horizon).map((v) => v - 4)
    const lowish = (values: readonly number[], horizon: number) =>
      alternate(values, horizon).map((v) => v - 3)
    const choice = selectForecaster(
      history,
      [candidate('ses', ahead), candidate('holt', behind), candidate('theta', lowish)],
      ['ses', 'holt'],
      origins,
      1,
    )
    expect(choice.method).toBe('combination')
    expect(choice.members.map((c) => c.method)).toEqual(['ses', 'holt'])
    expect(choice.score.mase).toBe(0)
  })

  it('holds out rolling origins, latest first, never shorter than the minimum fit', () => {
    expect(rollingOrigins(30, 18, 4)).toEqual([
      { origin: 20, steps: 10 },
      { origin: 15, steps: 10 },
      { origin: 10, steps: 10 },
    ])
    expect(rollingOrigins(30, 18, 24)).toEqual([{ origin: 24, steps: 6 }])
    expect(rollingOrigins(5, 3, 4)).toEqual([{ origin: 4, steps: 1 }])
    expect(rollingOrigins(4, 3, 4)).toEqual([])
  })
})

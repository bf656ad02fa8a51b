import { describe, expect, it } from 'vitest'
import type { ForecastResult } from '@tandem/shared'
import { forecastSeries, seededRandom } from '@tandem/shared'
import { runForecastWorkers } from './run-forecast-workers.js'

describe('runForecastWorkers', () => {
  it('splits a job over worker threads and returns every result in job order', async () => {
    const random = seededRandom(3)
    const histories = Array.from({ length: 450 }, (_, i) =>
      Array.from({ length: 30 }, (_, t) =>
        i % 5 === 0 && t < 20 ? null : Math.round(50 + i + 10 * Math.sin(t) + 5 * random.next()),
      ),
    )
    const results: ForecastResult[] = []
    const chunks: number[] = []
    await runForecastWorkers({ seasonLength: 12, horizon: 6, histories }, (from, part) => {
      chunks.push(part.length)
      part.forEach((result, i) => (results[from + i] = result))
    })
    expect(results).toEqual(
      histories.map((history) => forecastSeries(history, { seasonLength: 12, horizon: 6 })),
    )
    // Two workers of 225 SKUs, each reporting in chunks of 12.
    expect(chunks.length).toBe(2 * Math.ceil(225 / 12))
    expect(Math.max(...chunks)).toBe(12)
  }, 60_000)
})

import { describe, expect, it } from 'vitest'
import { readActuals } from './actuals/actuals-row.js'
import { HISTORY_PERIODS } from './actuals/history-periods.js'
import { createPlanDoc } from './create-plan-doc.js'
import { DEMO_HISTORY_SHAPES } from './demo-history.js'
import { demoPlan } from './demo-plan.js'
import { demandClassOf } from './forecast/demand-class.js'
import { forecastSeries } from './forecast/forecast-series.js'

const HISTORY = HISTORY_PERIODS.week

describe('the demo plan with history', () => {
  const input = demoPlan({ skuCount: 30, periodCount: 26, history: true })
  const actuals = input.actuals ?? {}
  const skus = input.items.map((item) => item.sku)

  it('is seeded and spans three years before the plan, the plan periods still open', () => {
    expect(demoPlan({ skuCount: 30, periodCount: 26, history: true }).actuals).toEqual(actuals)
    expect(demoPlan({ skuCount: 30, periodCount: 26 }).actuals).toBeUndefined()
    for (const sku of skus) {
      expect(actuals[sku]).toHaveLength(HISTORY + 26)
      expect(actuals[sku].slice(HISTORY).every((v) => v === null)).toBe(true)
    }
    const plan = createPlanDoc(input)
    expect(readActuals(plan, skus[0])).toEqual(actuals[skus[0]])
  })

  it('has a new product with 10 periods, a phase-out, intermittent SKUs and promotions', () => {
    const launched = actuals[skus[DEMO_HISTORY_SHAPES.newProduct]]
    expect(launched.filter((v) => v !== null)).toHaveLength(10)
    expect(launched[HISTORY - 11]).toBeNull()
    const fading = actuals[skus[DEMO_HISTORY_SHAPES.phaseOut]] as number[]
    const lastQuarter = fading.slice(HISTORY - 13, HISTORY)
    const yearBefore = fading.slice(HISTORY - 65, HISTORY - 52)
    expect(Math.max(...lastQuarter)).toBeLessThan(Math.min(...yearBefore))
    const intermittent = skus.filter((_, i) => i % 7 === 6)
    for (const sku of intermittent)
      expect(['intermittent', 'lumpy']).toContain(demandClassOf(actuals[sku] as number[]))
    const smooth = actuals[skus[0]] as number[]
    const mean = smooth.slice(0, HISTORY).reduce((a, b) => a + b, 0) / HISTORY
    expect(smooth.slice(0, HISTORY).some((v) => v > 1.5 * mean)).toBe(true)
  })

  it('gives every SKU a forecast over the plan horizon', () => {
    for (const sku of skus) {
      const history = actuals[sku].slice(0, HISTORY)
      const result = forecastSeries(history, { seasonLength: 52, horizon: 26 })
      expect(result.values).toHaveLength(26)
    }
    const launched = forecastSeries(
      actuals[skus[DEMO_HISTORY_SHAPES.newProduct]].slice(0, HISTORY),
      {
        seasonLength: 52,
        horizon: 26,
      },
    )
    expect(launched.historyLength).toBe(10)
  })
})

import { describe, expect, it } from 'vitest'
import { createPlanDoc } from '../create-plan-doc.js'
import { demoPlan } from '../demo-plan.js'
import { PlanModel } from '../plan-model.js'
import type { StatisticalForecast } from '../statistical-forecast/statistical-forecast.js'
import { evaluateChecklist } from './cycle-checklist.js'
import { planChecklistFacts } from './plan-checklist-facts.js'

/** Weekly plan from Monday 2026-11-30, with three years of demand history before it. */
function plan(history: boolean) {
  const doc = createPlanDoc(demoPlan({ skuCount: 3, periodCount: 8, seed: 5, history }))
  return { doc, model: new PlanModel(doc) }
}

const verdicts = (results: ReturnType<typeof evaluateChecklist>) =>
  Object.fromEntries(results.map((r) => [r.check, r.passed]))

describe('planChecklistFacts', () => {
  it('finds the last closed period, history included, and whether its actuals are loaded', () => {
    const withHistory = plan(true)
    // Wednesday of the plan's first week: the week before the plan (period -1) closed last.
    const facts = planChecklistFacts(
      withHistory.doc,
      withHistory.model,
      new Date('2026-12-02T12:00:00Z'),
    )
    expect(facts.lastClosedPeriod).toBe(-1)
    expect(facts.actualsLoadedAt).toBe('2026-11-30T00:00:00.000Z')
    expect(verdicts(evaluateChecklist(facts))).toMatchObject({
      actualsLoaded: true,
      forecastCurrent: false,
    })
    const bare = plan(false)
    const none = evaluateChecklist(planChecklistFacts(bare.doc, bare.model, new Date('2026-12-02')))
    expect(none[0]).toEqual({ check: 'actualsLoaded', passed: false, missing: ['-1'] })
  })

  it('counts the forecast current once a run started after the last period closed', () => {
    const { doc, model } = plan(true)
    const at = (runAt: string) => {
      for (const sku of doc.listSkus())
        doc.forecast.set(sku, { values: [], runAt } as unknown as StatisticalForecast)
      return verdicts(evaluateChecklist(planChecklistFacts(doc, model, new Date('2026-12-02'))))
    }
    expect(at('2026-11-29T10:00:00.000Z').forecastCurrent).toBe(false)
    expect(at('2026-12-01T07:00:00.000Z').forecastCurrent).toBe(true)
  })
})

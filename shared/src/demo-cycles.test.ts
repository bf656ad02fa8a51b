import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { readActuals } from './actuals/actuals-row.js'
import { accuracyReport } from './accuracy/accuracy-report.js'
import { extractAccuracySnapshot } from './accuracy/extract-accuracy-snapshot.js'
import type { AccuracyInput } from './accuracy/accuracy-input.js'
import { HISTORY_PERIODS, SEASON_LENGTHS } from './actuals/history-periods.js'
import { createPlanDoc } from './create-plan-doc.js'
import { DEMO_CYCLES, demoCycles } from './demo-cycles.js'
import { demoPlan } from './demo-plan.js'
import { PlanDoc } from './plan-doc.js'

describe('the demo plan’s past cycles', () => {
  const input = demoPlan({ skuCount: 60, history: true })
  const cycles = demoCycles(input)
  input.actualProduction = cycles.actualProduction
  const plan = createPlanDoc(input)
  const { periodKind, firstPeriod } = input.meta
  const history = HISTORY_PERIODS[periodKind]
  const skus = input.items.map((item) => ({
    sku: item.sku,
    name: item.name,
    family: item.family,
    site: item.site,
    resource: item.resource,
  }))
  skus.sort((a, b) => (a.sku < b.sku ? -1 : 1))
  const span = history + input.meta.periodCount
  const pack = (kind: 'demand' | 'production') =>
    Float64Array.from(
      skus.flatMap(({ sku }) => readActuals(plan, sku, kind).map((v) => v ?? Number.NaN)),
    )
  const writers: Record<string, string> = {}
  for (const write of cycles.writes) writers[`${write.sku}@${write.period}`] = write.author
  const reportInput: AccuracyInput = {
    planId: 'demo',
    periodKind,
    firstPeriod,
    historyPeriods: history,
    span,
    skus,
    actualDemand: pack('demand'),
    actualProduction: pack('production'),
    snapshots: cycles.versions.map((version) => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, version.snapshot)
      return extractAccuracySnapshot(new PlanDoc(doc), {
        id: version.id,
        kind: version.kind === 'salesSubmission' ? 'salesSubmission' : 'consensus',
        publishedAt: version.createdAt,
        periodKind,
        firstPeriod,
        maxLag: 12,
      })
    }),
    writers,
    names: {},
    seasonLength: SEASON_LENGTHS[periodKind],
  }

  it('is seeded: the same plan gives the same cycles', () => {
    const again = demoCycles(demoPlan({ skuCount: 60, history: true }))
    expect(again.writes).toEqual(cycles.writes)
    expect(again.versions.map((v) => [v.id, v.createdAt])).toEqual(
      cycles.versions.map((v) => [v.id, v.createdAt]),
    )
    expect(Buffer.compare(again.versions[5]!.snapshot, cycles.versions[5]!.snapshot)).toBe(0)
  })

  it('publishes a sales submission and a consensus in each of the periods before the plan', () => {
    expect(cycles.versions).toHaveLength(2 * DEMO_CYCLES)
    const periods = reportInput.snapshots.map((s) => s.publishedPeriod)
    expect(new Set(periods)).toEqual(
      new Set(Array.from({ length: DEMO_CYCLES }, (_, i) => i - DEMO_CYCLES)),
    )
    const first = reportInput.snapshots[0]!
    expect(first.kind).toBe('salesSubmission')
    expect(reportInput.snapshots[1]!.publishedAt > first.publishedAt).toBe(true)
  })

  it('fills every panel at lag 1, with overrides that help and overrides that hurt', () => {
    const report = accuracyReport(reportInput, { lag: 1 }, '')
    expect(report.window).toMatchObject({ first: 1 - DEMO_CYCLES, last: -1 })
    for (const stage of report.stages) expect(stage.measures?.wmape).toBeTypeOf('number')
    expect(report.stages.slice(1).every((s) => typeof s.valueAdded === 'number')).toBe(true)
    expect(report.trend).toHaveLength(DEMO_CYCLES - 1)
    expect(report.byPerson.map((p) => p.key).sort()).toEqual(['planner', 'sales'])
    const sales = report.byPerson.find((p) => p.key === 'sales')!
    expect(sales.improvedShare).toBeGreaterThan(0.25)
    expect(sales.improvedShare).toBeLessThan(0.75)
    expect(report.byReason.length).toBeGreaterThanOrEqual(4)
    expect(report.harmful.length).toBeGreaterThan(0)
    expect(report.offenders).toHaveLength(20)
    expect(report.attainment.total.attainment).toBeGreaterThan(0.8)
    expect(report.attainment.total.attainment).toBeLessThan(1)
    expect(report.attainment.resources).toHaveLength(input.meta.resources.length)
    // The baseline beats seasonal naive, and its error grows with the lag.
    const wmape = (lag: number, stage: number) =>
      accuracyReport(reportInput, { lag }, '').stages[stage]!.measures!.wmape!
    expect(wmape(1, 1)).toBeLessThan(wmape(1, 0))
    expect(wmape(4, 1)).toBeGreaterThan(wmape(1, 1))
  })
})

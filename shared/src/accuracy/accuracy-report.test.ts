import { describe, expect, it } from 'vitest'
import type { AccuracyInput, AccuracySnapshot } from './accuracy-input.js'
import { accuracyReport } from './accuracy-report.js'

const NaN_ = Number.NaN
const snapshot = (
  id: string,
  kind: AccuracySnapshot['kind'],
  publishedPeriod: number,
  values: { demand: number[]; baseline: number[]; supply?: number[] },
  reasons: AccuracySnapshot['reasons'] = [],
): AccuracySnapshot => ({
  id,
  kind,
  publishedPeriod,
  publishedAt: `2026-01-0${publishedPeriod + 5}T00:00:00Z`,
  maxLag: 1,
  skus: ['A', 'B'],
  demand: Float64Array.from(values.demand),
  baseline: Float64Array.from(values.baseline),
  supply: Float64Array.from(values.supply ?? [NaN_, NaN_]),
  reasons,
})

// Periods −2, −1, 0, 1; season 1, so naive at lag 1 is the period before.
const input: AccuracyInput = {
  planId: 'p',
  periodKind: 'week',
  firstPeriod: '2026-11-30',
  historyPeriods: 2,
  span: 4,
  skus: [
    { sku: 'A', name: 'Alpha', family: 'F1', site: 'S1', resource: 'R1' },
    { sku: 'B', name: 'Beta', family: 'F2', site: 'S2', resource: 'R2' },
  ],
  actualDemand: Float64Array.from([100, 120, 130, NaN_, 50, 40, 60, NaN_]),
  actualProduction: Float64Array.from([NaN_, 90, 130, NaN_, NaN_, 50, 50, NaN_]),
  snapshots: [
    snapshot('c1', 'consensus', -2, { demand: [110, 40], baseline: [100, 45], supply: [100, 50] }, [
      { row: 0, offset: 0, reason: 'promotion' },
    ]),
    snapshot('c2', 'consensus', -1, { demand: [125, 80], baseline: [125, 55], supply: [120, 60] }),
    snapshot('s1', 'salesSubmission', -2, { demand: [115, 40], baseline: [100, 45] }, [
      { row: 1, offset: 0, reason: 'priceChange' },
    ]),
  ],
  writers: { 'A@-1': 'sam', 'B@-1': 'kim', 'B@0': 'sam' },
  names: { sam: 'Sam Sales' },
  seasonLength: 1,
}

describe('accuracyReport (hand-computed)', () => {
  const report = accuracyReport(input, { lag: 1 }, '2026-12-02T00:00:00Z')
  const wmape = (stage: number) => report.stages[stage]!.measures?.wmape

  it('measures each stage on the closed periods with a snapshot at the lag', () => {
    expect(report.window).toMatchObject({ first: -1, last: 0, firstKey: '2026-W48' })
    expect(wmape(0)).toBeCloseTo(60 / 350, 12) // naive: 20 + 10 + 10 + 20
    expect(wmape(1)).toBeCloseTo(35 / 350, 12) // statistical: 20 + 5 + 5 + 5
    expect(wmape(2)).toBeCloseTo(5 / 160, 12) // sales: period −1 only
    const consensus = report.stages[3]!.measures!
    expect(consensus.wmape).toBeCloseTo(35 / 350, 12)
    expect(consensus.bias).toBeCloseTo(5 / 350, 12)
    // Σ(A − F) = −5 over the mean period error of the total, (|10| + |−15|) / 2
    expect(consensus.trackingSignal).toBeCloseTo(-5 / 12.5, 12)
    expect(consensus.mase).toBeCloseTo(35 / (4 * 15), 12)
  })

  it('compares each stage with the one before on the cells both have', () => {
    const added = report.stages.map((s) => s.valueAdded)
    expect(added[0]).toBeNull()
    expect(added[1]).toBeCloseTo((25 / 350) * 100, 9)
    expect(added[2]).toBeCloseTo(((25 - 5) / 160) * 100, 9)
    expect(added[3]).toBeCloseTo(((5 - 10) / 160) * 100, 9)
  })

  it('says no data for a period without a snapshot at that lag, and per period in the trend', () => {
    expect(report.trend.map((p) => p.periodKey)).toEqual(['2026-W48', '2026-W49'])
    expect(report.trend[1]!.stages[2]!.measures).toBeNull()
    expect(report.trend[1]!.stages[3]!.measures!.absoluteError).toBe(25)
    // the trend's tracking signal runs through the period: +10 / 10, then −5 / 12.5
    expect(report.trend[0]!.stages[3]!.measures!.trackingSignal).toBe(1)
    expect(report.trend[1]!.stages[3]!.measures!.trackingSignal).toBeCloseTo(-0.4, 12)
    const far = accuracyReport(input, { lag: 3 }, '')
    expect(far.window).toBeNull()
    expect(far.stages.every((s) => s.measures === null && s.valueAdded === null)).toBe(true)
  })

  it('attributes overrides to the last writer and the reason, and lists the harmful SKUs', () => {
    expect(
      report.byPerson.map((r) => [r.name, r.overrides, r.improved, r.valueAddedUnits]),
    ).toEqual([
      ['kim', 1, 1, 5],
      ['Sam Sales', 2, 1, -5],
    ])
    expect(report.byPerson[1]!.valueAddedPoints).toBeCloseTo((-5 / 180) * 100, 9)
    expect(report.byReason.map((r) => [r.key, r.valueAddedUnits])).toEqual([
      ['promotion', 10],
      ['priceChange', 5],
      ['', -15],
    ])
    expect(report.harmful).toEqual([
      { sku: 'B', name: 'Beta', family: 'F2', site: 'S2', overrides: 2, valueAddedUnits: -10 },
    ])
  })

  it('ranks offenders by error in units and measures plan attainment per site and resource', () => {
    expect(report.offenders.map((o) => [o.sku, o.absoluteError])).toEqual([
      ['B', 20],
      ['A', 15],
    ])
    expect(report.attainment.total.attainment).toBeCloseTo(310 / 330, 12)
    expect(report.attainment.sites.map((s) => [s.key, s.met, s.planned])).toEqual([
      ['S1', 210, 220],
      ['S2', 100, 110],
    ])
    expect(report.attainment.resources.map((s) => s.key)).toEqual(['R1', 'R2'])
  })

  it('scopes to a family, with its own SKUs only', () => {
    const f2 = accuracyReport(input, { lag: 1, family: 'F2' }, '')
    expect(f2.skuCount).toBe(1)
    expect(f2.families.map((f) => f.key)).toEqual(['F2'])
    expect(f2.stages[3]!.measures!.absoluteError).toBe(20)
  })
})

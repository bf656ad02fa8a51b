import { describe, expect, it } from 'vitest'
import { forecastValueAdded } from './forecast-value-added.js'
import {
  harmfulOverrides,
  overrideValueAdded,
  type OverrideOutcome,
} from './override-value-added.js'
import { planAttainment } from './plan-attainment.js'
import { snapshotAtLag } from './snapshot-at-lag.js'
import { worstOffenders } from './worst-offenders.js'

describe('forecastValueAdded', () => {
  it('gives each stage the WMAPE points it gained over the stage before', () => {
    const actual = [100, 100, 100, 100]
    const stages = forecastValueAdded(actual, [
      { stage: 'naive', forecast: [80, 120, 80, 120] }, // WMAPE 20 %
      { stage: 'statistical', forecast: [90, 110, 90, 110] }, // 10 %
      { stage: 'salesSubmission', forecast: [95, 125, 95, 125] }, // 15 %
      { stage: 'consensus', forecast: [100, 105, 100, 105] }, // 2.5 %
    ])
    const added = stages.map((s) => s.valueAdded)
    expect(added[0]).toBeNull()
    ;[10, -5, 12.5].forEach((points, i) => expect(added[i + 1]).toBeCloseTo(points, 9))
    expect(stages[3]!.measures!.wmape).toBeCloseTo(0.025, 12)
  })

  it('compares two stages only on the periods both have', () => {
    const stages = forecastValueAdded(
      [100, 100],
      [
        { stage: 'statistical', forecast: [50, 100] },
        { stage: 'consensus', forecast: [null, 110] },
      ],
    )
    // on period 1 only: statistical 0 % error, consensus 10 % → −10 points
    expect(stages[1]!.valueAdded).toBeCloseTo(-10, 12)
  })

  it('has no value added when a stage has no data', () => {
    const stages = forecastValueAdded(
      [100],
      [
        { stage: 'naive', forecast: [90] },
        { stage: 'statistical', forecast: [null] },
      ],
    )
    expect(stages[1]).toEqual({ stage: 'statistical', measures: null, valueAdded: null })
  })
})

describe('overrideValueAdded', () => {
  const outcome = (
    userId: string,
    reason: string,
    baseline: number,
    final: number,
    actual: number,
    sku = 'A',
  ) => ({ sku, period: 0, userId, reason, baseline, final, actual }) satisfies OverrideOutcome

  it('counts overrides that improved on the baseline, per person, in units and points', () => {
    const rows = overrideValueAdded(
      [
        outcome('sam', 'promotion', 100, 130, 140), // 40 → 10 error: +30
        outcome('sam', 'promotion', 100, 150, 100), // 0 → 50: −50
        outcome('kim', 'other', 100, 90, 80), // 20 → 10: +10
      ],
      'userId',
    )
    expect(rows).toEqual([
      {
        key: 'kim',
        overrides: 1,
        improved: 1,
        improvedShare: 1,
        valueAddedUnits: 10,
        valueAddedPoints: 12.5,
      },
      {
        key: 'sam',
        overrides: 2,
        improved: 1,
        improvedShare: 0.5,
        valueAddedUnits: -20,
        valueAddedPoints: (-20 / 240) * 100,
      },
    ])
  })

  it('groups by reason and lists the SKUs where overrides hurt most', () => {
    const outcomes = [
      outcome('sam', 'promotion', 100, 150, 100, 'B'),
      outcome('sam', 'promotion', 100, 130, 140, 'A'),
      outcome('kim', 'price', 100, 120, 100, 'C'),
    ]
    expect(overrideValueAdded(outcomes, 'reason').map((r) => [r.key, r.valueAddedUnits])).toEqual([
      ['price', -20],
      ['promotion', -20],
    ])
    expect(harmfulOverrides(outcomes, 5)).toEqual([
      { sku: 'B', valueAddedUnits: -50, overrides: 1 },
      { sku: 'C', valueAddedUnits: -20, overrides: 1 },
    ])
  })
})

describe('snapshotAtLag', () => {
  const snapshots = [
    { id: 'v1', publishedPeriod: 3, publishedAt: '2026-03-02T10:00:00Z' },
    { id: 'v2', publishedPeriod: 3, publishedAt: '2026-03-20T10:00:00Z' },
    { id: 'v3', publishedPeriod: 4, publishedAt: '2026-04-20T10:00:00Z' },
  ]
  it('takes the last version published lag periods before', () => {
    expect(snapshotAtLag(snapshots, 5, 1)?.id).toBe('v3')
    expect(snapshotAtLag(snapshots, 5, 2)?.id).toBe('v2')
  })
  it('says no data when nothing was published at that lag', () => {
    expect(snapshotAtLag(snapshots, 5, 3)).toBeNull()
  })
})

describe('worstOffenders', () => {
  it('ranks by absolute error in units and leaves out SKUs with no data', () => {
    const offenders = worstOffenders(
      [
        { sku: 'small', actual: [10], forecast: [20] }, // 100 % off, 10 units
        { sku: 'big', actual: [1000], forecast: [900] }, // 10 % off, 100 units
        { sku: 'none', actual: [null], forecast: [5] },
        { sku: 'tie', actual: [10], forecast: [20] },
      ],
      2,
    )
    expect(offenders.map((o) => o.sku)).toEqual(['big', 'small'])
  })
})

describe('planAttainment', () => {
  it('does not let over-production in one period hide a miss in another', () => {
    // plan 100, 100; made 150, 50 → min = 100 + 50 = 150 of 200
    expect(planAttainment([150, 50], [100, 100])).toBe(0.75)
  })
  it('has no figure when nothing was planned', () => {
    expect(planAttainment([5], [0])).toBeNull()
    expect(planAttainment([null], [100])).toBeNull()
  })
})

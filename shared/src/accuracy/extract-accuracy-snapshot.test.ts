import { describe, expect, it } from 'vitest'
import { createPlanDoc } from '../create-plan-doc.js'
import { demoPlan } from '../demo-plan.js'
import { writeOverrideReason } from '../override-reasons/override-reason.js'
import { extractAccuracySnapshot } from './extract-accuracy-snapshot.js'
import { periodAt } from './period-at.js'

describe('extractAccuracySnapshot', () => {
  it('places an earlier horizon on the plan calendar by date', () => {
    // The version's horizon starts 2026-11-02, four weeks before the plan's 2026-11-30.
    const version = createPlanDoc(
      demoPlan({ skuCount: 2, periodCount: 8, firstPeriod: '2026-11-02', seed: 5 }),
    )
    const sku = 'SKU-00001'
    version.forecast.set(sku, { values: [1, 2, 3, 4, 5, 6, 7, 8] })
    writeOverrideReason(version, sku, 1, { reason: 'promotion', note: '' })
    const publishedAt = '2026-10-28T09:00:00Z' // a Wednesday of plan period −5
    expect(periodAt('week', '2026-11-30', new Date(publishedAt))).toBe(-5)
    const extracted = extractAccuracySnapshot(version, {
      id: 'v1',
      kind: 'consensus',
      publishedAt,
      periodKind: 'week',
      firstPeriod: '2026-11-30',
      maxLag: 12,
    })
    expect(extracted.publishedPeriod).toBe(-5)
    expect(extracted.skus).toEqual(['SKU-00001', 'SKU-00002'])
    const demand = version.readRow('demand', sku)
    expect(extracted.demand[0]).toBe(demand[0]) // lag 1: period −4, the version's first
    expect(extracted.demand[1]).toBe(demand[1])
    expect(extracted.baseline[7]).toBe(8)
    expect(Number.isNaN(extracted.demand[8]!)).toBe(true) // lag 9 is past the version's horizon
    expect(Number.isNaN(extracted.baseline[12]!)).toBe(true) // SKU-00002 has no forecast
    expect(extracted.supply[12]).toBe(version.readCell('supply', 'SKU-00002', 0))
    expect(extracted.reasons).toEqual([{ row: 0, offset: 1, reason: 'promotion' }])
  })

  it('counts months on the month calendar', () => {
    expect(periodAt('month', '2026-12-01', new Date('2026-10-15T00:00:00Z'))).toBe(-2)
    expect(periodAt('month', '2026-12-01', new Date('2027-01-31T23:00:00Z'))).toBe(1)
  })
})

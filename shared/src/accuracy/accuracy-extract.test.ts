import { describe, expect, it } from 'vitest'
import { createPlanDoc } from '../create-plan-doc.js'
import { demoPlan } from '../demo-plan.js'
import { writeOverrideReason } from '../override-reasons/override-reason.js'
import { accuracyExtractOf, placeAccuracyExtract } from './accuracy-extract.js'
import { decodeAccuracyExtract, encodeAccuracyExtract } from './accuracy-extract-codec.js'
import { extractAccuracySnapshot } from './extract-accuracy-snapshot.js'

const publishedAt = '2026-10-28T09:00:00Z'
const placement = {
  id: 'v1',
  kind: 'salesSubmission' as const,
  publishedAt,
  periodKind: 'week' as const,
  firstPeriod: '2026-11-30',
  maxLag: 12,
}

function version(fraction = false) {
  const doc = createPlanDoc(
    demoPlan({ skuCount: 3, periodCount: 8, firstPeriod: '2026-11-02', seed: 5 }),
  )
  doc.forecast.set('SKU-00001', { values: [1, 2, 3, 4, 5, 6, 7, fraction ? 8.1 : 8] })
  writeOverrideReason(doc, 'SKU-00002', 1, { reason: 'promotion', note: '' })
  return doc
}

describe('accuracy extracts', () => {
  it('placed on the plan calendar, give what extracting the document gives', () => {
    for (const fraction of [false, true]) {
      const doc = version(fraction)
      const bytes = encodeAccuracyExtract(accuracyExtractOf(doc, publishedAt))
      const placed = placeAccuracyExtract(decodeAccuracyExtract(bytes), placement)
      const direct = extractAccuracySnapshot(doc, placement)
      expect(placed).toEqual(direct)
      expect(placed.publishedPeriod).toBe(-5)
      expect(placed.baseline[7]).toBe(fraction ? 8.1 : 8)
      expect(placed.reasons).toEqual([{ row: 1, offset: 1, reason: 'promotion' }])
    }
  })

  it('keep whole units in 32 bits and fractions in 64', () => {
    const whole = encodeAccuracyExtract(accuracyExtractOf(version(false), publishedAt))
    const fraction = encodeAccuracyExtract(accuracyExtractOf(version(true), publishedAt))
    expect(fraction.byteLength - whole.byteLength).toBe(3 * 12 * 4)
  })

  it('give a plan of another kind of period nothing, as extracting does', () => {
    const doc = version()
    const monthly = { ...placement, periodKind: 'month' as const, firstPeriod: '2026-12-01' }
    const placed = placeAccuracyExtract(accuracyExtractOf(doc, publishedAt), monthly)
    expect(placed).toEqual(extractAccuracySnapshot(doc, monthly))
    expect(placed.demand.every((v) => Number.isNaN(v))).toBe(true)
  })

  it('refuse bytes that are not one', () => {
    expect(() => decodeAccuracyExtract(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(
      'not an accuracy extract',
    )
    const bytes = encodeAccuracyExtract(accuracyExtractOf(version(), publishedAt))
    expect(() => decodeAccuracyExtract(bytes.subarray(0, bytes.byteLength - 64))).toThrow(
      'truncated',
    )
  })
})

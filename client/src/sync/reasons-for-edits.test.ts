import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createPlanDoc, demoPlan, writeOverrideReason } from '@tandem/shared'
import { reasonsForEdits } from './reasons-for-edits.js'

function planWithBaseline() {
  const doc = new Y.Doc()
  doc.clientID = 7
  const plan = createPlanDoc(demoPlan({ skuCount: 3, periodCount: 6 }), doc)
  const [sku, other] = [...plan.listFamilies()].flatMap(([, skus]) => skus)
  plan.forecast.set(sku, { values: [10, 11, 12, 13, 14, 15], lower80: [], upper80: [] })
  return { plan, sku, other }
}

const promotion = { reason: 'promotion' as const, note: '' }

describe('reasonsForEdits', () => {
  it('gives the picked reason to demand cells set away from their baseline, and only those', () => {
    const { plan, sku, other } = planWithBaseline()
    const edits = [
      { measure: 'demand' as const, key: sku, period: 1, value: 40 },
      { measure: 'demand' as const, key: sku, period: 2, value: 12 },
      { measure: 'supply' as const, key: sku, period: 1, value: 40 },
      { measure: 'demand' as const, key: other, period: 1, value: 40 },
    ]
    expect(reasonsForEdits(plan, edits, promotion)).toEqual([{ sku, period: 1, note: promotion }])
    expect(reasonsForEdits(plan, edits, undefined)).toEqual([])
  })

  it('clears the reason of a cell set back to its baseline', () => {
    const { plan, sku } = planWithBaseline()
    writeOverrideReason(plan, sku, 3, promotion)
    const back = [{ measure: 'demand' as const, key: sku, period: 3, value: 13 }]
    expect(reasonsForEdits(plan, back, undefined)).toEqual([{ sku, period: 3, note: undefined }])
    expect(reasonsForEdits(plan, back, promotion)).toEqual([{ sku, period: 3, note: undefined }])
  })
})

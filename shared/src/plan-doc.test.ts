import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createPlanDoc } from './create-plan-doc.js'
import { demoPlan } from './demo-plan.js'
import { PlanDoc } from './plan-doc.js'
import type { PlanInput } from './plan-input.js'

function input(): PlanInput {
  return demoPlan({ skuCount: 30, periodCount: 8, seed: 1 })
}

function synced(plan: PlanDoc): PlanDoc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(plan.doc))
  return new PlanDoc(doc)
}

describe('createPlanDoc', () => {
  it('writes meta, items and one row per measure and key, with empty overlays', () => {
    const plan = input()
    const doc = createPlanDoc(plan)
    expect(doc.readMeta()).toEqual(plan.meta)
    expect(doc.items.size).toBe(30)
    expect(doc.demand.size).toBe(30)
    expect(doc.supply.size).toBe(30)
    expect(doc.capacity.size).toBe(plan.meta.resources.length)
    for (const item of plan.items) {
      expect(doc.readItem(item.sku)).toEqual(item)
      for (const measure of ['demand', 'supply'] as const) {
        const row = doc.row(measure, item.sku)
        expect(row?.base.toArray()).toEqual(plan[measure][item.sku])
        expect(row?.edits.size).toBe(0)
      }
    }
    for (const resource of plan.meta.resources) {
      expect(doc.readRow('capacity', resource.id)).toEqual(plan.capacity[resource.id])
    }
  })

  it('writes the whole plan in one transaction, into the document it is given', () => {
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    const plan = createPlanDoc(input(), doc)
    expect(plan.doc).toBe(doc)
    expect(updates).toHaveLength(1)
  })

  it('pads missing or short rows with zeros to the horizon', () => {
    const plan = input()
    const sku = plan.items[0].sku
    delete plan.demand[sku]
    plan.supply[sku] = [5, 6]
    const doc = createPlanDoc(plan)
    expect(doc.readRow('demand', sku)).toEqual([0, 0, 0, 0, 0, 0, 0, 0])
    expect(doc.row('supply', sku)?.base.toArray()).toEqual([5, 6, 0, 0, 0, 0, 0, 0])
  })
})

describe('PlanDoc cells', () => {
  it('reads a cell from the base until it is edited', () => {
    const plan = input()
    const doc = createPlanDoc(plan)
    const sku = plan.items[3].sku
    for (let p = 0; p < 8; p++) expect(doc.readCell('demand', sku, p)).toBe(plan.demand[sku][p])
    expect(doc.readRow('supply', sku)).toEqual(plan.supply[sku])
  })

  it('writes a cell into the overlay only, leaving the base array unchanged', () => {
    const plan = input()
    const doc = createPlanDoc(plan)
    const sku = plan.items[3].sku
    doc.writeCell('demand', sku, 3, 999)
    const row = doc.row('demand', sku)
    expect(row?.base.toArray()).toEqual(plan.demand[sku])
    expect(row?.edits.toJSON()).toEqual({ '3': 999 })
    expect(doc.readCell('demand', sku, 3)).toBe(999)
    expect(doc.readCell('demand', sku, 2)).toBe(plan.demand[sku][2])
    const expected = [...plan.demand[sku]]
    expected[3] = 999
    expect(doc.readRow('demand', sku)).toEqual(expected)
    expect(doc.readRow('supply', sku)).toEqual(plan.supply[sku])
  })

  it('falls back to the base again when the overlay entry is removed', () => {
    const plan = input()
    const doc = createPlanDoc(plan)
    const sku = plan.items[0].sku
    doc.writeCell('supply', sku, 0, 0)
    expect(doc.readCell('supply', sku, 0)).toBe(0)
    doc.row('supply', sku)?.edits.delete('0')
    expect(doc.readCell('supply', sku, 0)).toBe(plan.supply[sku][0])
  })

  it('reads zeros for an unknown row and refuses to write one', () => {
    const doc = createPlanDoc(input())
    expect(doc.readCell('demand', 'SKU-NONE', 0)).toBe(0)
    expect(doc.readRow('demand', 'SKU-NONE')).toEqual(new Array(8).fill(0))
    expect(() => doc.writeCell('demand', 'SKU-NONE', 0, 1)).toThrow(/SKU-NONE/)
    expect(doc.row('demand', 'SKU-NONE')).toBeUndefined()
  })

  it('ignores overlay entries outside the horizon when reading a row', () => {
    const plan = input()
    const doc = createPlanDoc(plan)
    const sku = plan.items[0].sku
    const edits = doc.row('demand', sku)?.edits
    edits?.set('8', 1)
    edits?.set('-1', 1)
    edits?.set('x', 1)
    expect(doc.readRow('demand', sku)).toEqual(plan.demand[sku])
  })

  it('sees edits made on another document once they are synced', () => {
    const plan = input()
    const doc = createPlanDoc(plan)
    const other = synced(doc)
    const sku = plan.items[5].sku
    other.writeCell('supply', sku, 7, 42)
    Y.applyUpdate(doc.doc, Y.encodeStateAsUpdate(other.doc, Y.encodeStateVector(doc.doc)))
    expect(doc.readCell('supply', sku, 7)).toBe(42)
  })
})

describe('PlanDoc master data', () => {
  it('lists SKUs by family, then by SKU id', () => {
    const plan = input()
    const doc = createPlanDoc(plan)
    const expected = [...plan.items]
      .sort((a, b) =>
        a.family === b.family
          ? a.sku.localeCompare(b.sku, 'en')
          : a.family.localeCompare(b.family, 'en'),
      )
      .map((item) => item.sku)
    expect(doc.listSkus()).toEqual(expected)
    expect(doc.listSkus()).not.toEqual(plan.items.map((item) => item.sku))
  })

  it('lists SKUs in the same order on a synced document and whatever the insertion order', () => {
    const plan = input()
    const doc = createPlanDoc(plan)
    expect(synced(doc).listSkus()).toEqual(doc.listSkus())
    const reversed = createPlanDoc({ ...plan, items: [...plan.items].reverse() })
    expect(reversed.listSkus()).toEqual(doc.listSkus())
  })

  it('groups SKUs by family in display order', () => {
    const plan = input()
    const doc = createPlanDoc(plan)
    const families = doc.listFamilies()
    expect([...families.keys()]).toEqual(['Juice', 'Sparkling Water'])
    expect([...families.values()].flat()).toEqual(doc.listSkus())
    for (const [family, skus] of families) {
      expect(skus).toEqual(
        plan.items
          .filter((item) => item.family === family)
          .map((item) => item.sku)
          .sort(),
      )
    }
  })

  it('moves a SKU to its new family when the family changes', () => {
    const doc = createPlanDoc(input())
    const sku = doc.listFamilies().get('Juice')?.[0] ?? ''
    doc.items.get(sku)?.set('family', 'Dairy')
    const families = doc.listFamilies()
    expect([...families.keys()]).toEqual(['Dairy', 'Juice', 'Sparkling Water'])
    expect(families.get('Dairy')).toEqual([sku])
    expect(families.get('Juice')).not.toContain(sku)
  })

  it('keeps the order until items change, and reads fresh inside a transaction and its observers', () => {
    const doc = createPlanDoc(input())
    const first = doc.listSkus()
    first.pop()
    expect(doc.listSkus()).toHaveLength(30)
    const sku = doc.listFamilies().get('Juice')?.[0] ?? ''
    const seenInObserver: boolean[] = []
    doc.items.observeDeep(() => seenInObserver.push(doc.listFamilies().has('Dairy')))
    doc.doc.transact(() => {
      doc.items.get(sku)?.set('family', 'Dairy')
      expect(doc.listFamilies().get('Dairy')).toEqual([sku])
    })
    expect(seenInObserver).toEqual([true])
    expect(doc.listFamilies().get('Dairy')).toEqual([sku])
    doc.items.get(sku)?.set('retired', true)
    expect(doc.listFamilies().has('Dairy')).toBe(false)
    expect(doc.listSkus()).toContain(sku)
    doc.items.delete(sku)
    expect(doc.listSkus()).not.toContain(sku)
    expect(new PlanDoc(doc.doc).listSkus()).toHaveLength(29)
  })

  it('reads an item with defaults for missing fields, and nothing for an unknown SKU', () => {
    const doc = new PlanDoc(new Y.Doc())
    const map = new Y.Map<unknown>()
    doc.items.set('SKU-X', map)
    map.set('name', 'X')
    expect(doc.readItem('SKU-X')).toEqual({
      sku: 'SKU-X',
      name: 'X',
      family: '',
      site: '',
      unit: '',
      openingStock: 0,
      safetyStock: 0,
      maxStock: 0,
      resource: '',
    })
    expect(doc.readItem('SKU-Y')).toBeUndefined()
  })

  it('reads default settings from an empty document', () => {
    const doc = new PlanDoc(new Y.Doc())
    expect(doc.readMeta()).toMatchObject({ periodCount: 0, frozenThrough: -1, status: 'draft' })
    expect(doc.periodCount).toBe(0)
    expect(doc.metaValue('name')).toBeUndefined()
  })
})

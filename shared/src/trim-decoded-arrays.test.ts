import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createPlanDoc } from './create-plan-doc.js'
import { demoPlan } from './demo-plan.js'
import { trimDecodedArrays } from './trim-decoded-arrays.js'

describe('trimDecodedArrays', () => {
  it('keeps every value and the encoding, and the document stays editable', () => {
    const source = createPlanDoc(demoPlan({ skuCount: 12, periodCount: 8, seed: 4 })).doc
    source.clientID = 1
    const update = Y.encodeStateAsUpdate(source)
    const doc = new Y.Doc()
    doc.clientID = 2
    Y.applyUpdate(doc, update)
    for (const root of source.share.keys()) doc.getMap(root)
    const before = doc.toJSON()

    expect(trimDecodedArrays(doc)).toBeGreaterThan(12)
    expect(doc.toJSON()).toEqual(before)
    expect(Y.encodeStateAsUpdate(doc)).toEqual(update)

    const [sku] = [...doc.getMap('demand').keys()]
    const base = (doc.getMap('demand').get(sku) as Y.Map<unknown>).get('base') as Y.Array<number>
    base.delete(1, 1)
    base.insert(1, [42])
    Y.applyUpdate(source, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(source)))
    expect(source.toJSON()).toEqual(doc.toJSON())
  })
})

import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DOCUMENT_EPOCH_KEY, documentEpochOf } from './document-epoch.js'
import { resetDocumentEpoch } from './reset-document-epoch.js'

describe('resetDocumentEpoch', () => {
  it('brings a copy of a later epoch back to 0 and keeps the rest of meta', () => {
    const doc = new Y.Doc()
    doc.clientID = 7
    doc.getMap('meta').set(DOCUMENT_EPOCH_KEY, 3)
    doc.getMap('meta').set('name', 'Plan')
    expect(resetDocumentEpoch(doc)).toBe(true)
    expect(documentEpochOf(doc)).toBe(0)
    expect(doc.getMap('meta').toJSON()).toEqual({ name: 'Plan' })
  })

  it('leaves a document of epoch 0 untouched', () => {
    const doc = new Y.Doc()
    doc.clientID = 8
    doc.getMap('meta').set('name', 'Plan')
    const before = Y.encodeStateAsUpdate(doc)
    expect(resetDocumentEpoch(doc)).toBe(false)
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
  })
})

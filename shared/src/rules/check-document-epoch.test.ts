import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createPlanDoc } from '../create-plan-doc.js'
import { demoPlan } from '../demo-plan.js'
import { DOCUMENT_EPOCH_KEY, documentEpochOf } from '../epoch/document-epoch.js'
import { nextEpochDocument } from '../epoch/next-epoch-document.js'
import { checkUpdate } from './check-update.js'
import type { Role } from './role.js'

/** The server's document after one epoch change. */
function serverAtEpochOne(): Y.Doc {
  const first = createPlanDoc(demoPlan({ skuCount: 3, periodCount: 6, seed: 2 })).doc
  const doc = new Y.Doc()
  Y.applyUpdate(doc, nextEpochDocument(first, 7).update)
  return doc
}

function clientChange(server: Y.Doc, write: (meta: Y.Map<unknown>) => void): Uint8Array {
  const client = new Y.Doc()
  client.clientID = 40
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  let update: Uint8Array | undefined
  client.on('update', (u: Uint8Array) => (update = u))
  client.transact(() => write(client.getMap('meta')))
  return update!
}

describe('checkUpdate: the document epoch', () => {
  it.each<[string, (meta: Y.Map<unknown>) => void]>([
    ['move it back', (meta) => meta.set(DOCUMENT_EPOCH_KEY, 0)],
    ['move it on', (meta) => meta.set(DOCUMENT_EPOCH_KEY, 2)],
    ['delete it', (meta) => meta.delete(DOCUMENT_EPOCH_KEY)],
  ])('lets no role %s', (_label, write) => {
    const server = serverAtEpochOne()
    const update = clientChange(server, write)
    for (const role of ['planner', 'sales', 'production', 'viewer'] as Role[]) {
      const verdict = checkUpdate(server, update, { role, userId: 'u1' })
      expect(verdict.ok).toBe(false)
      if (!verdict.ok)
        expect(['badStructure', 'forbiddenRole', 'forbiddenDeletion']).toContain(
          verdict.violation.code,
        )
    }
    expect(documentEpochOf(server)).toBe(1)
  })
})

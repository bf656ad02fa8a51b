import * as Y from 'yjs'
import type { DemoPlanOptions } from '@tandem/shared'
import { createPlanDoc, demoPlan } from '@tandem/shared'
import { planSnapshot } from '@tandem/server'
import type { TestServer } from '../../support/test-server.js'

/**
 * Stores a generated plan whose document was written under a fixed clientID, so that every
 * byte of it, and of a corpus built on it, is the same on every machine (a plan created over
 * REST is written under a random one).
 */
export async function createSeededPlan(
  server: Pick<TestServer, 'store'>,
  id: string,
  options: DemoPlanOptions,
  clientID = 1,
): Promise<string> {
  const input = demoPlan(options)
  const { record } = planSnapshot(id, input)
  const doc = new Y.Doc()
  doc.clientID = clientID
  createPlanDoc(input, doc)
  await server.store.log.createPlan(record, Y.encodeStateAsUpdate(doc))
  doc.destroy()
  return id
}

import * as Y from 'yjs'
import { isValidId, PlanDoc } from '@tandem/shared'
import { ApiProblem } from '../http/api-problem.js'
import type { RoomRegistry } from '../rooms/room-registry.js'
import { useRoom } from '../rooms/use-room.js'
import type { PlanRecords } from '../store/plan-records.js'

/**
 * A private copy of a plan to read: its durable live state (`ref` = `live`) or a published
 * version. A missing version is a 404 naming `field`.
 */
export async function planDocOf(
  deps: { records: PlanRecords; rooms: RoomRegistry },
  planId: string,
  ref: string,
  field = 'versionId',
): Promise<PlanDoc> {
  const doc = new Y.Doc()
  if (ref === 'live') {
    const state = await useRoom(deps.rooms, planId, async (room) => {
      await room.whenDurable()
      return Y.encodeStateAsUpdate(room.doc)
    })
    Y.applyUpdate(doc, state)
    return new PlanDoc(doc)
  }
  const version = isValidId(ref) ? await deps.records.loadVersion(planId, ref) : undefined
  if (!version) throw new ApiProblem('notFound', `Plan ${planId} has no version ${ref}`, field)
  Y.applyUpdate(doc, version.snapshot)
  return new PlanDoc(doc)
}

import { randomBytes } from 'node:crypto'
import * as Y from 'yjs'
import type { NewScenarioBody, PlanRecord, Scenario, ScenarioScope } from '@tandem/shared'
import { documentEpochOf, isValidId, resetDocumentEpoch } from '@tandem/shared'
import { ApiProblem } from '../http/api-problem.js'
import { useRoom } from '../rooms/use-room.js'
import type { ScenarioDeps } from './scenario-deps.js'

/**
 * Branches a scenario from a base plan's durable live state or from one of its versions: a new
 * plan holding a copy of that state, and the record linking it to the base with the branch
 * snapshot. If the record cannot be stored, the new plan is removed again.
 */
export async function createScenario(
  deps: Pick<ScenarioDeps, 'log' | 'records' | 'rooms' | 'scenarios'>,
  base: PlanRecord,
  owner: string,
  body: NewScenarioBody & { scope: ScenarioScope },
): Promise<Scenario> {
  const from = body.from ?? 'live'
  let branchSnapshot: Uint8Array
  let stateVector: Uint8Array
  let documentEpoch: number | undefined
  if (from === 'live') {
    ;[branchSnapshot, stateVector, documentEpoch] = await useRoom(
      deps.rooms,
      base.id,
      async (room) => {
        await room.whenDurable()
        const doc = room.doc
        return [Y.encodeStateAsUpdate(doc), Y.encodeStateVector(doc), documentEpochOf(doc)] as const
      },
    )
  } else {
    const version = isValidId(from) ? await deps.records.loadVersion(base.id, from) : undefined
    if (!version) throw new ApiProblem('notFound', `Plan ${base.id} has no version ${from}`, 'from')
    branchSnapshot = version.snapshot
    stateVector = Y.encodeStateVectorFromUpdate(branchSnapshot)
  }
  const { snapshot, epoch } = asNewPlan(branchSnapshot, documentEpoch)
  return storeScenario(deps, base, owner, body, {
    snapshot,
    branchSnapshot,
    stateVector,
    documentEpoch: epoch,
    versionId: from === 'live' ? undefined : from,
  })
}

/**
 * The scenario's first state: the branch, at document epoch 0 like any new plan (the store
 * creates it at 0, and boards announce their copy's epoch), and the epoch the branch was at.
 * A branch of epoch 0 is used as it is, without decoding it.
 */
function asNewPlan(
  branch: Uint8Array,
  knownEpoch: number | undefined,
): { snapshot: Uint8Array; epoch: number } {
  if (knownEpoch === 0) return { snapshot: branch, epoch: 0 }
  const doc = new Y.Doc()
  Y.applyUpdate(doc, branch)
  const epoch = documentEpochOf(doc)
  const snapshot = resetDocumentEpoch(doc) ? Y.encodeStateAsUpdate(doc) : branch
  doc.destroy()
  return { snapshot, epoch }
}

/**
 * Stores a scenario: its plan with `snapshot` (the branch itself, or a proposal written onto
 * it; at document epoch 0) and its record with the branch snapshot. If the record cannot be stored, the plan is
 * removed again.
 */
export async function storeScenario(
  deps: Pick<ScenarioDeps, 'log' | 'scenarios'>,
  base: PlanRecord,
  owner: string,
  body: NewScenarioBody & { scope: ScenarioScope },
  state: {
    snapshot: Uint8Array
    branchSnapshot: Uint8Array
    stateVector: Uint8Array
    /** The base document's epoch the branch was taken at. */
    documentEpoch: number
    versionId?: string
  },
): Promise<Scenario> {
  const { snapshot, stateVector, documentEpoch, versionId } = state
  const id = `sc-${randomBytes(6).toString('hex')}`
  const createdAt = new Date().toISOString()
  const encoded = Buffer.from(stateVector).toString('base64')
  const scenario: Scenario = {
    id,
    baseId: base.id,
    name: body.name,
    description: body.description ?? '',
    owner,
    createdAt,
    scope: body.scope,
    branch:
      versionId === undefined
        ? { kind: 'live', stateVector: encoded, documentEpoch }
        : { kind: 'version', versionId, stateVector: encoded, documentEpoch },
    status: 'active',
  }
  await deps.log.createPlan({ ...base, id, name: body.name, createdAt }, snapshot)
  try {
    await deps.scenarios.createScenario(scenario, state.branchSnapshot)
  } catch (error) {
    await deps.log.deletePlan(id)
    throw error
  }
  return scenario
}

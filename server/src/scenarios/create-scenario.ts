import { randomBytes } from 'node:crypto'
import * as Y from 'yjs'
import type { NewScenarioBody, PlanRecord, Scenario, ScenarioScope } from '@tandem/shared'
import { isValidId } from '@tandem/shared'
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
  let snapshot: Uint8Array
  let stateVector: Uint8Array
  if (from === 'live') {
    ;[snapshot, stateVector] = await useRoom(deps.rooms, base.id, async (room) => {
      await room.whenDurable()
      return [Y.encodeStateAsUpdate(room.doc), Y.encodeStateVector(room.doc)] as const
    })
  } else {
    const version = isValidId(from) ? await deps.records.loadVersion(base.id, from) : undefined
    if (!version) throw new ApiProblem('notFound', `Plan ${base.id} has no version ${from}`, 'from')
    snapshot = version.snapshot
    stateVector = Y.encodeStateVectorFromUpdate(snapshot)
  }
  return storeScenario(deps, base, owner, body, {
    snapshot,
    branchSnapshot: snapshot,
    stateVector,
    versionId: from === 'live' ? undefined : from,
  })
}

/**
 * Stores a scenario: its plan with `snapshot` (the branch itself, or a proposal written onto
 * it) and its record with the branch snapshot. If the record cannot be stored, the plan is
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
    versionId?: string
  },
): Promise<Scenario> {
  const { snapshot, stateVector, versionId } = state
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
        ? { kind: 'live', stateVector: encoded }
        : { kind: 'version', versionId, stateVector: encoded },
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

import type { PlanRecord, ProposeSupplyAnswer, ProposeSupplyBody } from '@tandem/shared'
import { ApiProblem } from '../http/api-problem.js'
import { useRoom } from '../rooms/use-room.js'
import { storeScenario } from '../scenarios/create-scenario.js'
import type { ScenarioDeps } from '../scenarios/scenario-deps.js'
import { runProposalWorker } from './run-proposal-worker.js'

/**
 * The supply proposal: a worker thread loads the base's durable state from the store, runs
 * `proposeSupply` over the selected SKUs (lead time, minimum batch, lot size, frozen periods,
 * capacity per resource) and writes the proposed supply rows into a copy, which becomes a new
 * supply scenario (branched from that state). The main thread only reads and stores bytes.
 */
export async function proposeSupplyScenario(
  deps: Pick<ScenarioDeps, 'log' | 'rooms' | 'scenarios'>,
  base: PlanRecord,
  author: string,
  body: ProposeSupplyBody,
): Promise<ProposeSupplyAnswer> {
  const state = await useRoom(deps.rooms, base.id, async (room) => {
    await room.whenDurable()
    return deps.log.loadPlan(base.id)
  })
  if (!state) throw new ApiProblem('planNotFound', `No plan ${base.id}`, 'id')
  const { sku, family, site } = body
  const result = await runProposalWorker({
    snapshot: state.snapshot,
    updates: state.updates.map((entry) => entry.update),
    selection: { sku, family, site },
  })
  if (result.skus === 0)
    throw new ApiProblem('badRequest', 'No active SKU matches the selection', 'sku')
  const label = sku ?? family ?? site
  const scenario = await storeScenario(
    deps,
    base,
    author,
    {
      name: body.name ?? (label ? `Supply proposal: ${label}` : 'Supply proposal'),
      description: body.description ?? '',
      scope: 'supply',
    },
    {
      snapshot: result.scenario,
      branchSnapshot: result.branch,
      stateVector: result.stateVector,
      documentEpoch: result.documentEpoch,
    },
  )
  return {
    scenario,
    skus: result.skus,
    changedCells: result.changedCells,
    unmet: result.unmet,
    unmetCount: result.unmetCount,
  }
}

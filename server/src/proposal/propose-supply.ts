import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { CellEdit, PlanRecord, ProposeSupplyAnswer, ProposeSupplyBody } from '@tandem/shared'
import { PlanDoc, writeCells } from '@tandem/shared'
import { ApiProblem } from '../http/api-problem.js'
import { useRoom } from '../rooms/use-room.js'
import { createScenario } from '../scenarios/create-scenario.js'
import type { ScenarioDeps } from '../scenarios/scenario-deps.js'
import { packProposalJob } from './pack-proposal-job.js'
import { runProposalWorker } from './run-proposal-worker.js'

/** Most cells written into the scenario in one transaction. */
const WRITE_CHUNK = 1000

/**
 * The supply proposal: branches a supply scenario from the base's live plan, runs
 * `proposeSupply` over the selected SKUs of the scenario in a worker thread, and writes the
 * proposed supply into the scenario as `author`, under the source `proposal`, a chunk at a time.
 */
export async function proposeSupplyScenario(
  deps: Pick<ScenarioDeps, 'log' | 'records' | 'rooms' | 'scenarios'>,
  base: PlanRecord,
  author: string,
  body: ProposeSupplyBody,
): Promise<ProposeSupplyAnswer> {
  const label = body.sku ?? body.family ?? body.site
  const scenario = await createScenario(deps, base, author, {
    name: body.name ?? (label ? `Supply proposal: ${label}` : 'Supply proposal'),
    description: body.description ?? '',
    scope: 'supply',
  })
  const run = useRoom(deps.rooms, scenario.id, async (room) => {
    const plan = new PlanDoc(room.doc)
    const meta = plan.readMeta()
    const scale = 10 ** meta.decimals
    // Supply closes a need: round up to the plan's precision.
    const onPlan = (value: number) =>
      Math.min(Math.ceil(value * scale - 1e-9) / scale, meta.maxValue)
    const job = await packProposalJob(plan, body)
    if (job.skus.length === 0)
      throw new ApiProblem('badRequest', 'No active SKU matches the selection', 'sku')
    const { skus, periodCount: n } = job
    const before = job.supply.slice()
    const result = await runProposalWorker(job)
    let edits: CellEdit[] = []
    let changedCells = 0
    const flush = async () => {
      if (edits.length === 0) return
      const chunk = edits
      edits = []
      changedCells += await room.change(author, (doc) => writeCells(doc, chunk), 'proposal')
      await yieldToLoop()
    }
    for (let i = 0; i < skus.length; i++) {
      for (let t = 0; t < n; t++) {
        const value = onPlan(result.supply[i * n + t]!)
        if (value !== before[i * n + t])
          edits.push({ measure: 'supply', key: skus[i]!, period: t, value })
      }
      if (edits.length >= WRITE_CHUNK) await flush()
    }
    await flush()
    return {
      scenario,
      skus: skus.length,
      changedCells,
      unmet: result.unmet,
      unmetCount: result.unmetCount,
    }
  })
  try {
    return await run
  } catch (error) {
    // A proposal that could not run leaves no scenario behind as active.
    await deps.scenarios.closeScenario(scenario.id, 'discarded', author, new Date().toISOString())
    throw error
  }
}

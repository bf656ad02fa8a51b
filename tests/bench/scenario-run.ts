import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import {
  buildApp,
  createScenario,
  openSqliteStores,
  planSnapshot,
  proposeSupplyScenario,
} from '@tandem/server'
import type { CellEdit } from '@tandem/shared'
import { compareScenario, demoPlan, PlanDoc, writeCells } from '@tandem/shared'
import { markdownTable } from './markdown-table.js'

/** The scenario bench's measurements (issue 17). */
export interface ScenarioBenchRun {
  skus: number
  periods: number
  branchMs: number
  changedCells: number
  compareMs: number
  proposalMs: number
  proposalMaxDelayMs: number
  proposalCells: number
  unmet: number
}

/**
 * In one real server (the bench process is the server): seeds a `skus` × `periods` plan into
 * SQLite and opens its room, branches a scenario from the live plan (what the REST route runs),
 * writes 1,000 cells into the scenario through its room and compares it with the base, then runs
 * the supply proposal over every SKU with capacity into a new scenario, watching the event loop.
 */
export async function scenarioRun(skus: number, periods: number): Promise<ScenarioBenchRun> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-scenario-bench-'))
  const stores = openSqliteStores(join(dir, 'bench.db'))
  const app = await buildApp({ stores })
  const deps = {
    log: stores.log,
    records: stores.records,
    rooms: app.rooms,
    scenarios: stores.scenarios,
  }
  try {
    const { record, snapshot } = planSnapshot(
      'scenario-bench',
      demoPlan({ skuCount: skus, periodCount: periods }),
    )
    await stores.log.createPlan(record, snapshot)
    const base = await app.rooms.open('scenario-bench')
    if (!base) throw new Error('the bench plan did not open')

    let began = performance.now()
    const scenario = await createScenario(deps, record, 'bench', { name: 'Bench', scope: 'all' })
    const branchMs = performance.now() - began

    const room = await app.rooms.open(scenario.id)
    if (!room) throw new Error('the scenario did not open')
    const plan = new PlanDoc(room.doc)
    const ids = plan.listSkus()
    const edits: CellEdit[] = Array.from({ length: 1000 }, (_, i) => ({
      measure: i % 2 ? 'demand' : 'supply',
      key: ids[(i * 7919) % ids.length]!,
      period: (i * 31) % periods,
      value: 1_000_000 + i,
    }))
    const changedCells = await room.change('bench', (doc) => writeCells(doc, edits))
    began = performance.now()
    const comparison = compareScenario(new PlanDoc(base.doc), plan)
    const compareMs = performance.now() - began
    if (comparison.cells.length !== changedCells)
      throw new Error(`compare found ${comparison.cells.length} cells, not ${changedCells}`)

    const proposalDelay = monitorEventLoopDelay({ resolution: 10 })
    proposalDelay.enable()
    began = performance.now()
    const proposal = await proposeSupplyScenario(deps, record, 'bench', {})
    const proposalMs = performance.now() - began
    proposalDelay.disable()
    app.rooms.release(room)
    app.rooms.release(base)
    return {
      skus,
      periods,
      branchMs,
      changedCells,
      compareMs,
      proposalMs,
      proposalMaxDelayMs: proposalDelay.max / 1e6,
      proposalCells: proposal.changedCells,
      unmet: proposal.unmetCount,
    }
  } finally {
    await app.close()
    await stores.close()
    await rm(dir, { recursive: true, force: true })
  }
}

/** The results against the targets. */
export function scenarioTable(run: ScenarioBenchRun): string {
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISS')
  const ms = (value: number) => `${value.toFixed(0)} ms`
  return markdownTable(
    ['what', `${run.skus.toLocaleString('en')} SKUs × ${run.periods}`, 'target', ''],
    [
      [
        'branch a scenario from the live plan',
        ms(run.branchMs),
        '≤ 1 s',
        verdict(run.branchMs <= 1000),
      ],
      [
        `compare with the base after ${run.changedCells.toLocaleString('en')} changed cells`,
        ms(run.compareMs),
        '≤ 500 ms',
        verdict(run.compareMs <= 500),
      ],
      [
        `supply proposal over every SKU with capacity, into a new scenario (${run.proposalCells.toLocaleString('en')} cells written, ${run.unmet.toLocaleString('en')} needs unmet)`,
        ms(run.proposalMs),
        '≤ 3 s',
        verdict(run.proposalMs <= 3000),
      ],
      [
        'event-loop max during the proposal',
        ms(run.proposalMaxDelayMs),
        '≤ 50 ms',
        verdict(run.proposalMaxDelayMs <= 50),
      ],
    ],
  )
}

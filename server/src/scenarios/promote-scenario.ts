import * as Y from 'yjs'
import type {
  CellEdit,
  PromoteAnswer,
  PromoteBody,
  RefusedCell,
  Role,
  Scenario,
} from '@tandem/shared'
import {
  checkCellEdit,
  conflictKey,
  PlanDoc,
  scenarioChanges,
  MEASURES,
  writeCells,
} from '@tandem/shared'
import { ApiProblem } from '../http/api-problem.js'
import { useRoom } from '../rooms/use-room.js'
import type { ScenarioDeps } from './scenario-deps.js'

/**
 * Applies a scenario's changes to its base as the promoter's edits, in one transaction of the
 * base's room under the source `scenario`: each cell checked by the same rules as any edit of the
 * promoter's role (refused ones are listed, not written). Cells changed in the base since the
 * branch are conflicts; each needs the promoter's choice (per cell, or one for all), else
 * nothing is written and the answer is 409. Archives the scenario as promoted.
 */
export async function promoteScenario(
  deps: Pick<ScenarioDeps, 'rooms' | 'scenarios'>,
  scenario: Scenario,
  promoter: { id: string; role: Role },
  body: PromoteBody,
): Promise<PromoteAnswer> {
  const branchState = await deps.scenarios.branchSnapshot(scenario.id)
  if (!branchState) throw new ApiProblem('notFound', `No scenario ${scenario.id}`, 'scenarioId')
  const branchDoc = new Y.Doc()
  Y.applyUpdate(branchDoc, branchState)
  const branch = new PlanDoc(branchDoc)
  let tookScenario = 0
  let keptBase = 0
  const refused: RefusedCell[] = []
  const appliedCells = await useRoom(deps.rooms, scenario.id, (scenarioRoom) =>
    useRoom(deps.rooms, scenario.baseId, (baseRoom) =>
      baseRoom.change(
        promoter.id,
        (base) => {
          const meta = base.readMeta()
          const { changes, conflicts } = scenarioChanges(
            branch,
            base,
            new PlanDoc(scenarioRoom.doc),
            MEASURES,
          )
          const choice = (cell: (typeof conflicts)[number]) =>
            body.cells?.[conflictKey(cell)] ?? body.all
          const open = conflicts.filter((cell) => !choice(cell))
          if (open.length > 0)
            throw new ApiProblem(
              'conflict',
              `${open.length} cells were changed in the base since the branch: choose base or scenario for each (first: ${conflictKey(open[0]!)})`,
              'cells',
            )
          const edits: CellEdit[] = []
          for (const change of changes) {
            const conflict = change.base !== change.branch
            if (conflict && choice(change) === 'base') {
              keptBase++
              continue
            }
            const { measure, key, period } = change
            const violation = checkCellEdit(
              meta,
              promoter.role,
              measure,
              key,
              period,
              change.scenario,
            )
            if (violation) {
              refused.push({
                measure,
                key,
                period,
                value: change.scenario,
                code: violation.code,
                reason: violation.reason,
              })
              continue
            }
            if (conflict) tookScenario++
            edits.push({ measure, key, period, value: change.scenario })
          }
          writeCells(base, edits)
        },
        'scenario',
      ),
    ),
  )
  const closed = await deps.scenarios.closeScenario(
    scenario.id,
    'promoted',
    promoter.id,
    new Date().toISOString(),
  )
  if (!closed) throw new ApiProblem('conflict', `Scenario ${scenario.id} was archived meanwhile`)
  return { scenario: closed, appliedCells, tookScenario, keptBase, refused }
}

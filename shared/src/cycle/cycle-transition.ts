import * as Y from 'yjs'
import type { Role } from '../rules/role.js'
import type { CycleStage } from './cycle-stage.js'
import { maySignOff, nextStage, stageIndex, STAGE_OWNER } from './cycle-stage.js'
import type { Reopening, SignOff } from './cycle-state.js'
import { cycleMap } from './cycle-state.js'

/** Why a sign-off or a reopening is refused, in words for the person who asked. */
export interface CycleRefusal {
  code: 'forbidden' | 'conflict' | 'badRequest'
  message: string
  field: 'stage' | 'reason'
}

export const MAX_REOPEN_REASON = 2000

/**
 * May `role` sign off `stage` now? Only the current stage, by its owner or a planner, and not
 * after the executive S&OP. The plan then moves forward exactly one stage.
 */
export function checkSignOff(
  current: CycleStage,
  completed: boolean,
  stage: CycleStage,
  role: Role,
): CycleRefusal | undefined {
  if (!maySignOff(role, stage)) {
    return {
      code: 'forbidden',
      message: `Only a ${STAGE_OWNER[stage]} or a planner may sign off the ${stage} stage`,
      field: 'stage',
    }
  }
  if (stage !== current) {
    return {
      code: 'conflict',
      message: `The plan is in the ${current} stage: only that stage can be signed off, not ${stage}`,
      field: 'stage',
    }
  }
  if (completed) {
    return {
      code: 'conflict',
      message: 'The cycle is complete: every stage is signed off',
      field: 'stage',
    }
  }
  return undefined
}

/**
 * May `role` reopen `stage` now, with `reason`? Only a planner, only a stage before the current
 * one (or the last stage once signed off), and only with a reason.
 */
export function checkReopen(
  current: CycleStage,
  completed: boolean,
  stage: CycleStage,
  role: Role,
  reason: string,
): CycleRefusal | undefined {
  if (role !== 'planner')
    return { code: 'forbidden', message: 'Only a planner may reopen a stage', field: 'stage' }
  if (reason.trim() === '')
    return { code: 'badRequest', message: 'A reason is needed to reopen a stage', field: 'reason' }
  if (reason.length > MAX_REOPEN_REASON) {
    return {
      code: 'badRequest',
      message: `The reason may be at most ${MAX_REOPEN_REASON} characters`,
      field: 'reason',
    }
  }
  const behind = stageIndex(stage) < stageIndex(current) || (completed && stage === current)
  if (!behind) {
    return {
      code: 'conflict',
      message: `The ${stage} stage is not signed off yet, so it cannot be reopened (the plan is in ${current})`,
      field: 'stage',
    }
  }
  return undefined
}

/** Writes a sign-off into the plan document (the server does, as itself). */
export function writeSignOff(doc: Y.Doc, signOff: SignOff): void {
  const map = cycleMap(doc)
  doc.transact(() => {
    appendTo(map, 'signOffs', signOff)
    const next = nextStage(signOff.stage)
    if (next) map.set('stage', next)
    else map.set('complete', true)
  })
}

/** Writes a reopening into the plan document: the current stage goes back to `stage`. */
export function writeReopening(doc: Y.Doc, reopening: Reopening): void {
  const map = cycleMap(doc)
  doc.transact(() => {
    appendTo(map, 'reopenings', reopening)
    map.set('stage', reopening.stage)
    if (map.get('complete') === true) map.set('complete', false)
  })
}

function appendTo(map: Y.Map<unknown>, key: string, entry: SignOff | Reopening): void {
  let list = map.get(key)
  if (!(list instanceof Y.Array)) {
    list = new Y.Array<unknown>()
    map.set(key, list)
  }
  ;(list as Y.Array<unknown>).push([{ ...entry }])
}

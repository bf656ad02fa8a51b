import * as Y from 'yjs'
import type { CycleStage } from './cycle-stage.js'
import { CYCLE_STAGES, isCycleStage } from './cycle-stage.js'

/** The name of the plan document's root that holds the S&OP cycle. */
export const CYCLE_ROOT = 'cycle'

/** One stage signed off: which stage, by whom (a user id) and when (ISO 8601). */
export interface SignOff {
  stage: CycleStage
  by: string
  at: string
}

/** One stage reopened by a planner, with the reason, which is kept. */
export interface Reopening {
  stage: CycleStage
  by: string
  at: string
  reason: string
}

/** The cycle as read from the plan document. */
export interface CycleState {
  stage: CycleStage
  /** True once the executive S&OP, the last stage, is signed off (until a planner reopens). */
  complete: boolean
  /** Due date per stage, `YYYY-MM-DD`; a stage without one is absent. */
  due: Partial<Record<CycleStage, string>>
  /** Oldest first. */
  signOffs: SignOff[]
  reopenings: Reopening[]
}

/** The key of a stage's due date in the `cycle` root. */
export function dueKey(stage: CycleStage): string {
  return `due.${stage}`
}

/** The stage a due-date key names, or undefined for any other key. */
export function stageOfDueKey(key: string): CycleStage | undefined {
  const stage = key.startsWith('due.') ? key.slice(4) : ''
  return isCycleStage(stage) ? stage : undefined
}

export function cycleMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(CYCLE_ROOT)
}

/** The current stage; a plan whose cycle never started is gathering data. */
export function currentStage(doc: Y.Doc): CycleStage {
  const stage = cycleMap(doc).get('stage')
  return isCycleStage(stage) ? stage : 'dataGathering'
}

/** Reads the whole cycle; entries that do not have the documented shape are left out. */
export function readCycle(doc: Y.Doc): CycleState {
  const map = cycleMap(doc)
  const due: CycleState['due'] = {}
  for (const stage of CYCLE_STAGES) {
    const value = map.get(dueKey(stage))
    if (typeof value === 'string' && value !== '') due[stage] = value
  }
  return {
    stage: currentStage(doc),
    complete: map.get('complete') === true,
    due,
    signOffs: entries(map.get('signOffs')).filter(isSignOff),
    reopenings: entries(map.get('reopenings')).filter(isReopening),
  }
}

function entries(value: unknown): unknown[] {
  return value instanceof Y.Array ? value.toArray() : []
}

function isSignOff(value: unknown): value is SignOff {
  const entry = value as Partial<SignOff> | null
  return (
    typeof entry === 'object' &&
    entry !== null &&
    isCycleStage(entry.stage) &&
    typeof entry.by === 'string' &&
    typeof entry.at === 'string'
  )
}

function isReopening(value: unknown): value is Reopening {
  return isSignOff(value) && typeof (value as Partial<Reopening>).reason === 'string'
}

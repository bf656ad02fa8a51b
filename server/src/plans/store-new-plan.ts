import { randomBytes } from 'node:crypto'
import type { PlanInput } from '@tandem/shared'
import { isValidId } from '@tandem/shared'
import { ApiProblem } from '../http/api-problem.js'
import type { PlanLog, PlanRecord } from '../store/plan-log.js'
import { PlanExistsError } from '../store/plan-log.js'
import { planSnapshot } from './plan-snapshot.js'

/** The id a caller asked for, checked against the id pattern, or a fresh one. */
export function newPlanId(requested: string | undefined): string {
  const id = requested ?? `plan-${randomBytes(6).toString('hex')}`
  if (!isValidId(id)) throw new ApiProblem('invalidId', `"${id}" is not a valid plan id`, 'id')
  return id
}

/** Builds a new plan's first snapshot and stores it; a taken id is a 409 naming `id`. */
export async function storeNewPlan(
  log: PlanLog,
  id: string,
  input: PlanInput,
): Promise<{ record: PlanRecord; snapshot: Uint8Array }> {
  const { record, snapshot } = planSnapshot(id, input)
  try {
    await log.createPlan(record, snapshot)
  } catch (error) {
    if (error instanceof PlanExistsError)
      throw new ApiProblem('conflict', `Plan ${id} already exists`, 'id')
    throw error
  }
  return { record, snapshot }
}

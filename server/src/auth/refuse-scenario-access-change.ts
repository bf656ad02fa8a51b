import { ApiProblem } from '../http/api-problem.js'
import type { PlanAccessLookup } from './plan-access.js'

/**
 * Refuses reading or setting roles and site scopes on a scenario's id: a scenario takes both
 * from its base plan (see `planRole`), so an assignment stored under the scenario would be
 * accepted and never applied. The message names the base to use instead.
 */
export async function refuseScenarioAccessChange(
  accounts: Pick<PlanAccessLookup, 'scenarioAccess'>,
  planId: string,
  what: 'roles' | 'site scopes',
): Promise<void> {
  const scenario = await accounts.scenarioAccess?.(planId)
  if (scenario)
    throw new ApiProblem(
      'badRequest',
      `${planId} is a scenario of plan ${scenario.baseId}: it takes its ${what} from that plan; set them on ${scenario.baseId}`,
      'id',
    )
}

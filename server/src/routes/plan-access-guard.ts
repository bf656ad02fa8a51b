import type { FastifyRequest } from 'fastify'
import type { Role } from '@tandem/shared'
import type { Authenticator } from '../auth/authenticator.js'
import { planRole, planSiteScope } from '../auth/plan-access.js'
import { ApiProblem } from '../http/api-problem.js'
import type { Accounts } from '../store/accounts.js'
import type { PlanLog } from '../store/plan-log.js'
import type { UserRecord } from '../store/user-record.js'
import { validPlanId } from './plans-routes.js'

/**
 * The caller, their role in a plan and the sites it is scoped to (none: every site), or a 401/403/404 ApiProblem. A plan the caller cannot
 * see answers 404, as if it did not exist. With `needs`, only those roles (or an admin) pass.
 */
export async function requirePlanRole(
  deps: { log: PlanLog; accounts: Accounts; auth: Authenticator },
  request: FastifyRequest,
  planId: string,
  needs?: Role[],
): Promise<{ user: UserRecord; role: Role; sites?: readonly string[] }> {
  const user = await deps.auth.require(request)
  const id = validPlanId(planId)
  const role = (await deps.log.getPlan(id)) ? await planRole(deps.accounts, user, id) : undefined
  if (!role) throw new ApiProblem('planNotFound', `No plan ${id}`, 'id')
  if (needs && !needs.includes(role) && !user.isAdmin) {
    throw new ApiProblem('forbidden', `This needs the ${needs.join(' or ')} role in plan ${id}`)
  }
  const sites = await planSiteScope(deps.accounts, user.id, id, role)
  return sites ? { user, role, sites } : { user, role }
}

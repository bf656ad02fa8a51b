import type { Accounts } from '../store/accounts.js'
import type { ScenarioStore } from '../store/scenario-store.js'
import type { PlanAccessLookup } from './plan-access.js'

/**
 * The accounts as the app's routes see them: the same store, and for a scenario's plan id the
 * base plan it takes its roles from (see `planRole`).
 */
export function withScenarioAccess(
  accounts: Accounts,
  scenarios: Pick<ScenarioStore, 'getScenario'>,
): Accounts & Required<PlanAccessLookup> {
  return {
    createUser: (user) => accounts.createUser(user),
    getUser: (id) => accounts.getUser(id),
    getUserByEmail: (email) => accounts.getUserByEmail(email),
    listUsers: () => accounts.listUsers(),
    updateUser: (id, patch) => accounts.updateUser(id, patch),
    setPlanRole: (planId, userId, role) => accounts.setPlanRole(planId, userId, role),
    getPlanRoles: (planId) => accounts.getPlanRoles(planId),
    setPlanSiteScope: (planId, userId, sites) => accounts.setPlanSiteScope(planId, userId, sites),
    getPlanSiteScopes: (planId) => accounts.getPlanSiteScopes(planId),
    bumpSessionVersion: (id) => accounts.bumpSessionVersion(id),
    ensureSetting: (key, value) => accounts.ensureSetting(key, value),
    async scenarioAccess(planId) {
      const scenario = await scenarios.getScenario(planId)
      return scenario && { baseId: scenario.baseId, archived: scenario.status !== 'active' }
    },
  }
}

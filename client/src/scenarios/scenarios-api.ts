import type {
  NewScenarioBody,
  PromoteAnswer,
  PromoteBody,
  ProposeSupplyAnswer,
  ProposeSupplyBody,
  Scenario,
  ScenarioComparison,
  ScenarioConflict,
} from '@tandem/shared'
import { call } from '../api/plans-api.js'

const base = (planId: string) => `/api/plans/${encodeURIComponent(planId)}/scenarios`
const one = (planId: string, id: string) => `${base(planId)}/${encodeURIComponent(id)}`

/** The scenario a plan id is, if it is one. */
export async function scenarioOf(planId: string): Promise<Scenario | undefined> {
  return (await call<{ scenario?: Scenario }>(`/api/plans/${encodeURIComponent(planId)}`)).scenario
}

export async function listScenarios(planId: string): Promise<Scenario[]> {
  return (await call<{ scenarios: Scenario[] }>(base(planId))).scenarios
}

export async function createScenario(planId: string, body: NewScenarioBody): Promise<Scenario> {
  const init = { method: 'POST', body: JSON.stringify(body) }
  return (await call<{ scenario: Scenario }>(base(planId), init)).scenario
}

export function proposeSupply(
  planId: string,
  body: ProposeSupplyBody,
): Promise<ProposeSupplyAnswer> {
  return call(`${base(planId)}/propose-supply`, { method: 'POST', body: JSON.stringify(body) })
}

export function compareScenario(
  planId: string,
  id: string,
  other = 'base',
): Promise<ScenarioComparison> {
  return call(`${one(planId, id)}/compare?with=${encodeURIComponent(other)}`)
}

export function scenarioConflicts(
  planId: string,
  id: string,
): Promise<{ conflicts: ScenarioConflict[]; changedCells: number }> {
  return call(`${one(planId, id)}/conflicts`)
}

export function promoteScenario(
  planId: string,
  id: string,
  body: PromoteBody,
): Promise<PromoteAnswer> {
  return call(`${one(planId, id)}/promote`, { method: 'POST', body: JSON.stringify(body) })
}

export async function discardScenario(planId: string, id: string): Promise<Scenario> {
  const answer = await call<{ scenario: Scenario }>(`${one(planId, id)}/discard`, {
    method: 'POST',
  })
  return answer.scenario
}

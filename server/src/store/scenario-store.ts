import type { Scenario, ScenarioStatus } from '@tandem/shared'

/** A scenario as stored: the wire type. */
export type { Scenario }

/**
 * Scenarios of plans. A scenario's document is a plan of its own in the PlanLog (its id is the
 * scenario id); this store keeps the link to its base plan, its status and the base's state
 * at the branch point (the snapshot promotions find conflicts against). Records live with the
 * base plan and are removed with {@link removeScenariosOf}. Every backend passes
 * tests/integration/scenario-store.contract.ts.
 */
export interface ScenarioStore {
  /**
   * Stores a new scenario with the branch snapshot. Throws ScenarioExistsError when its id is
   * taken and PlanMissingError when the base plan does not exist.
   */
  createScenario(record: Scenario, branchSnapshot: Uint8Array): Promise<void>
  getScenario(id: string): Promise<Scenario | undefined>
  /** The base's state when the scenario branched, or undefined for no such scenario. */
  branchSnapshot(id: string): Promise<Uint8Array | undefined>
  /** The scenarios of a base plan, oldest first. */
  listScenarios(baseId: string): Promise<Scenario[]>
  /**
   * Archives an active scenario as `promoted` or `discarded`, atomically: of two concurrent
   * calls exactly one succeeds. Returns the updated record, or undefined when the scenario is
   * missing or no longer active.
   */
  closeScenario(
    id: string,
    status: Exclude<ScenarioStatus, 'active'>,
    by: string,
    at: string,
  ): Promise<Scenario | undefined>
  /** Removes every scenario record of a base plan; returns their ids (to delete their plans). */
  removeScenariosOf(baseId: string): Promise<string[]>
}

/** Raised when a scenario id is taken. */
export class ScenarioExistsError extends Error {
  constructor(readonly scenarioId: string) {
    super(`Scenario ${scenarioId} already exists`)
  }
}

import type { Measure } from '../roots.js'

/** A scenario is worked on while `active`; promoting or discarding archives it (read-only). */
export const SCENARIO_STATUSES = ['active', 'promoted', 'discarded'] as const

export type ScenarioStatus = (typeof SCENARIO_STATUSES)[number]

/**
 * Who may create and promote a scenario: `all`, planners only; `supply` (production's
 * scenarios and the supply proposal), planners and production. A promotion writes every cell
 * the scenario changed, each checked against the promoter's role like any edit, so production
 * promoting a supply scenario writes its supply and capacity and has any demand cells refused.
 */
export const SCENARIO_SCOPES = ['all', 'supply'] as const

export type ScenarioScope = (typeof SCENARIO_SCOPES)[number]

/**
 * Where a scenario branched from: the live plan, or one of its published versions.
 * `stateVector` is the Yjs state vector of that state, which means something only within
 * `documentEpoch`, the base document's epoch it was taken at (absent: 0, records made before
 * epochs were kept). Tandem never reads it: comparisons, conflicts and promotions read values,
 * from the branch snapshot stored with the record, so they hold across a later epoch change.
 */
export type BranchPoint =
  | { kind: 'live'; stateVector: string; documentEpoch?: number }
  | { kind: 'version'; versionId: string; stateVector: string; documentEpoch?: number }

/**
 * A scenario: a plan document of its own (`id` is its plan id, with its own room and log),
 * linked to its base plan and the state it branched from (see {@link BranchPoint}).
 */
export interface Scenario {
  id: string
  baseId: string
  name: string
  description: string
  /** The user id of whoever created it. */
  owner: string
  createdAt: string
  scope: ScenarioScope
  branch: BranchPoint
  status: ScenarioStatus
  /** Who promoted or discarded it, and when. */
  closedBy?: string
  closedAt?: string
}

/** `POST /api/plans/:id/scenarios`. */
export interface NewScenarioBody {
  name: string
  description?: string
  /** `live` (the default) or a version id of the base plan. */
  from?: string
  scope?: ScenarioScope
}

/** A cell a promotion did not write, with the rule that refused it. */
export interface RefusedCell {
  measure: Measure
  key: string
  period: number
  value: number
  code: string
  reason: string
}

/** A cell changed in the base since the branch and in the scenario, to different values. */
export interface ScenarioConflict {
  measure: Measure
  key: string
  period: number
  /** The value at the branch. */
  branch: number
  base: number
  scenario: number
}

/** How the promoter settles conflicts: one choice for all, and per cell (`measure/key/period`). */
export interface PromoteBody {
  all?: 'base' | 'scenario'
  cells?: Record<string, 'base' | 'scenario'>
}

/** What a promotion did. */
export interface PromoteAnswer {
  scenario: Scenario
  appliedCells: number
  /** Conflicts settled for the scenario (written) and for the base (left). */
  tookScenario: number
  keptBase: number
  refused: RefusedCell[]
}

/** The key a conflict is resolved under in {@link PromoteBody.cells}. */
export function conflictKey(cell: { measure: Measure; key: string; period: number }): string {
  return `${cell.measure}/${cell.key}/${cell.period}`
}

/** `POST /api/plans/:id/scenarios/propose-supply`: which SKUs (all when none is given). */
export interface ProposeSupplyBody {
  name?: string
  description?: string
  sku?: string
  family?: string
  site?: string
}

/** Why a need stays unmet, per SKU and period: see `UnmetNeed` of the supply proposal. */
export interface ProposalUnmet {
  sku: string
  period: number
  shortfall: number
  reason: 'frozen' | 'leadTime' | 'capacity'
  resource?: string
}

/** The scenario a proposal was written into, with what it could not meet and why. */
export interface ProposeSupplyAnswer {
  scenario: Scenario
  skus: number
  changedCells: number
  /** At most 1,000; `unmetCount` is whole. */
  unmet: ProposalUnmet[]
  unmetCount: number
}

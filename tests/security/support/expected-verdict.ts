import type { RejectionCode, Role } from '@tandem/shared'

/** The state a matrix combination runs in. Frozen means `frozenThrough` = FENCE. */
export interface PlanState {
  frozen: boolean
  approved: boolean
}

/** The last frozen period index when a plan is frozen; period FENCE + 1 is always open. */
export const FENCE = 1

/** The site of the fixture row an edit touches: A is SH (skuA, resourceA), B is SZ. */
export type SiteOf = 'A' | 'B'

/** A matrix persona's site scope: the sites (as A, B) its role is scoped to; absent = all. */
export type PersonaScope = readonly SiteOf[] | undefined

/** What an edit touches, in the words of the rules table. */
export type RuleTarget =
  | {
      kind: 'cell'
      measure: 'demand' | 'supply' | 'capacity'
      period: number
      value: 'valid' | 'negative' | 'fraction'
      site: SiteOf
    }
  | {
      kind:
        | 'frozenThrough'
        | 'setting'
        | 'status'
        | 'itemField'
        | 'badItemField'
        | 'newItem'
        | 'replaceBase'
        | 'unknownRoot'
    }
  | {
      kind: 'comment'
      action: 'startThread' | 'reply' | 'forgeAuthor' | 'editOthers' | 'resolve' | 'unsafeLink'
    }
  | { kind: 'flag'; action: 'create' | 'changeOthers' }
  | { kind: 'actual'; value: 'valid' | 'negative' }
  | { kind: 'forecast' }
  | { kind: 'overrideReason'; period: number; site: SiteOf }
  | { kind: 'transfer'; from: SiteOf; period: number }
  | { kind: 'cycle'; action: 'dueDate' | 'moveStage' | 'forgeSignOff' }

/** The verdict the rules demand, and every rejection code that would name a broken rule. */
export interface ExpectedVerdict {
  accept: boolean
  reasons: Set<RejectionCode>
}

/*
 * The rules table of issue 4, written out by hand (not derived from shared/src/rules):
 *
 *              | demand | supply, capacity | items, meta             | comments and flags
 *   sales      | write  | read             | read                   | write (own messages)
 *   production | read   | write            | read                   | write (own messages)
 *   planner    | write  | write            | write: settings, SKUs  | write; may resolve
 *   viewer     | read   | read             | read                   | write (own messages)
 *
 * - No one writes a cell in a frozen period (index ≤ frozenThrough).
 * - An approved plan is read-only except for a planner's status change. Comments and flags
 *   discuss the plan rather than change it and stay writable (docs/plan-document.md).
 * - Values are finite, ≥ 0 and whole (the test plans have 0 decimals); item stock levels too.
 * - Settings a planner changes on the board: name, frozenThrough, status, unit, decimals.
 *   Master data: add a SKU with its rows, change its fields, retire it (retired = true).
 * - Structure follows the layout: no new roots, no replaced base arrays.
 * - Comments: anyone starts a thread or replies in their own name; only a message's author
 *   changes it; any editor (not a viewer) resolves (DESIGN §3); links are http, https, mailto.
 * - Flags: editors (not viewers) create them; only the creator, the owner or a planner changes
 *   one (docs/plan-document.md).
 * - Actuals (issue 14): planners only, in frozen periods too (a period closes before its actual
 *   is known), not in an approved plan; values finite and ≥ 0.
 * - The statistical forecast: no client at all; only the server writes it.
 * - Override reasons: whoever may write that demand cell now (role, approved, frozen).
 * - Transfers (issue 18): production and planners; not in an approved plan; not shipping in a
 *   frozen period.
 * - Site scopes (issue 18): a sales or production role scoped to sites writes only the cells
 *   (and override reasons) of rows at those sites, and only transfers shipping from them.
 * - The S&OP cycle (issue 16): a planner sets due dates (not in an approved plan); the stage,
 *   sign-offs and reopenings are written by the server only, never by a client.
 */
const WRITERS: Record<'demand' | 'supply' | 'capacity' | 'meta' | 'items', readonly Role[]> = {
  demand: ['sales', 'planner'],
  supply: ['production', 'planner'],
  capacity: ['production', 'planner'],
  meta: ['planner'],
  items: ['planner'],
}
const EDITORS: readonly Role[] = ['planner', 'sales', 'production']

export function expectedVerdict(
  role: Role,
  target: RuleTarget,
  state: PlanState,
  scope?: PersonaScope,
): ExpectedVerdict {
  const reasons = new Set<RejectionCode>()
  const unless = (allowed: boolean, code: RejectionCode) => {
    if (!allowed) reasons.add(code)
  }
  const inScope = (site: SiteOf) => scope === undefined || scope.includes(site)
  switch (target.kind) {
    case 'transfer':
      unless(role === 'production' || role === 'planner', 'forbiddenRole')
      unless(!state.approved, 'planApproved')
      unless(!(state.frozen && target.period <= FENCE), 'frozenPeriod')
      unless(inScope(target.from), 'outOfScope')
      break
    case 'cell':
      unless(inScope(target.site), 'outOfScope')
      unless(WRITERS[target.measure].includes(role), 'forbiddenRole')
      unless(!state.approved, 'planApproved')
      unless(!(state.frozen && target.period <= FENCE), 'frozenPeriod')
      unless(target.value === 'valid', 'outOfRange')
      break
    case 'frozenThrough':
    case 'setting':
    case 'itemField':
    case 'newItem':
    case 'badItemField':
      unless(
        WRITERS[
          target.kind === 'frozenThrough' || target.kind === 'setting' ? 'meta' : 'items'
        ].includes(role),
        'forbiddenRole',
      )
      unless(!state.approved, 'planApproved')
      if (target.kind === 'badItemField') reasons.add('outOfRange')
      break
    case 'status':
      unless(WRITERS.meta.includes(role), 'forbiddenRole')
      break
    case 'replaceBase':
      reasons.add('badStructure')
      unless(WRITERS.demand.includes(role), 'forbiddenRole')
      unless(!state.approved, 'planApproved')
      break
    case 'unknownRoot':
      reasons.add('unknownRoot')
      break
    case 'comment':
      if (target.action === 'forgeAuthor') reasons.add('badValue').add('forbiddenRole')
      if (target.action === 'editOthers') reasons.add('forbiddenRole')
      if (target.action === 'unsafeLink') reasons.add('badValue')
      if (target.action === 'resolve') unless(EDITORS.includes(role), 'forbiddenRole')
      break
    case 'actual':
      unless(role === 'planner', 'forbiddenRole')
      unless(!state.approved, 'planApproved')
      unless(target.value === 'valid', 'outOfRange')
      break
    case 'forecast':
      reasons.add('forbiddenRole')
      break
    case 'cycle':
      if (target.action !== 'dueDate') reasons.add('forbiddenRole')
      unless(role === 'planner', 'forbiddenRole')
      unless(!state.approved, 'planApproved')
      break
    case 'overrideReason':
      unless(inScope(target.site), 'outOfScope')
      unless(WRITERS.demand.includes(role), 'forbiddenRole')
      unless(!state.approved, 'planApproved')
      unless(!(state.frozen && target.period <= FENCE), 'frozenPeriod')
      break
    case 'flag':
      unless(EDITORS.includes(role), 'forbiddenRole')
      if (target.action === 'changeOthers') unless(role === 'planner', 'forbiddenRole')
      break
  }
  return { accept: reasons.size === 0, reasons }
}

import type { SettingsChange } from '../commands/write-settings.js'
import type { MetaKey, PlanMeta } from '../plan-meta.js'
import { checkMetaValue } from './check-meta-value.js'
import type { Role } from './role.js'
import { roleMayWrite } from './role.js'
import type { RuleViolation } from './rule-violation.js'
import { violation } from './rule-violation.js'

/**
 * Checks a settings change as the server will check its update: only a planner writes `meta`;
 * an approved plan takes only a status change; every value within its rule.
 */
export function checkSettingsChange(
  meta: PlanMeta,
  role: Role,
  change: SettingsChange,
): RuleViolation | undefined {
  for (const [field, value] of Object.entries(change) as [MetaKey, unknown][]) {
    if (value === undefined || meta[field] === value) continue
    const at = { root: 'meta', field }
    if (!roleMayWrite(role, 'meta'))
      return violation('forbiddenRole', `A ${role} may not change meta`, at)
    if (meta.status === 'approved' && field !== 'status')
      return violation('planApproved', `The plan is approved and read-only (meta ${field})`, at)
    const found = checkMetaValue(meta, field, value)
    if (found) return found
  }
  return undefined
}

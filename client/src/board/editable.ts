import type { Measure, PlanMeta, Role } from '@tandem/shared'
import { isFrozenPeriod, roleMayWrite } from '@tandem/shared'

/** The cheap form of the rules, for painting: may this role type into this measure and period? */
export function isEditable(meta: PlanMeta, role: Role, measure: Measure, period: number): boolean {
  return roleMayWrite(role, measure) && meta.status !== 'approved' && !isFrozenPeriod(meta, period)
}

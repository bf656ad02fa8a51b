import type { PlanDoc } from '../plan-doc.js'
import type { PlanMeta } from '../plan-meta.js'
import type { Measure } from '../roots.js'
import { describeCell } from './check-cell-edit.js'
import type { Role } from './role.js'
import type { RuleViolation } from './rule-violation.js'
import { violation } from './rule-violation.js'

/** The site a measure row belongs to: its SKU's site, or its resource's for capacity. */
export function siteOfRow(plan: PlanDoc, meta: PlanMeta, measure: Measure, key: string): string {
  if (measure === 'capacity') return meta.resources.find((r) => r.id === key)?.site ?? ''
  const site = plan.items.get(key)?.get('site')
  return typeof site === 'string' ? site : ''
}

/**
 * A role scoped to sites (`sites` given) writes only the cells of rows at those sites. The
 * reason names the cell, its site and the scope: "supply SKU-00003, 2026-W49 (period 0) is at
 * site HAM; your production role is scoped to SH".
 */
export function checkSiteScope(
  plan: PlanDoc,
  meta: PlanMeta,
  role: Role,
  sites: readonly string[] | undefined,
  measure: Measure,
  key: string,
  period: number,
): RuleViolation | undefined {
  if (!sites) return undefined
  const site = siteOfRow(plan, meta, measure, key)
  if (sites.includes(site)) return undefined
  return violation(
    'outOfScope',
    `${describeCell(meta, measure, key, period)} is at site ${site || '(none)'}; ${scopeText(role, sites)}`,
    { root: measure, key, period },
  )
}

/** "your production role is scoped to SH, SZ". */
export function scopeText(role: Role, sites: readonly string[]): string {
  return `your ${role} role is scoped to ${sites.length > 0 ? sites.join(', ') : 'no site'}`
}

import type { PlanDoc } from '../plan-doc.js'
import type { PlanMeta } from '../plan-meta.js'

/**
 * The first site that SKUs (retired ones too: they keep their rows) or resources still name
 * but `sites` no longer lists, or undefined. A site is removed only once nothing uses it.
 */
export function siteStillUsed(
  plan: PlanDoc,
  meta: Pick<PlanMeta, 'resources'>,
  sites: readonly { id: string }[],
): { site: string; usedBy: string } | undefined {
  if (sites.length === 0) return undefined
  const listed = new Set(sites.map((s) => s.id))
  for (const resource of meta.resources)
    if (!listed.has(resource.site)) return { site: resource.site, usedBy: resource.id }
  for (const [sku, item] of plan.items) {
    const site = item.get('site')
    if (typeof site === 'string' && !listed.has(site)) return { site, usedBy: sku }
  }
  return undefined
}

import type { PlanDoc, PlanModel } from '@tandem/shared'
import { readFlags } from '@tandem/shared'
import type { RowOptions } from './row-options.js'
import { isScoped } from './row-options.js'

/**
 * The SKUs and resources a site, family or owner filter leaves in view. Roll-up rows, the gap
 * counts and the chart read only these; the gap filters (gaps only, a gap badge) then hide rows
 * inside the scope without changing its sums.
 */
export interface SkuScope {
  /** False when no filter narrows the plan: everything is in scope. */
  scoped: boolean
  hasSku(sku: string): boolean
  hasResource(resource: string): boolean
}

/** Everything: no filter. */
export const WHOLE_PLAN: SkuScope = { scoped: false, hasSku: () => true, hasResource: () => true }

/**
 * The scope of `options`. A SKU is owned by the owners of its open flags (not resolved); a
 * resource is in a site's scope when it stands there, and in a family's or owner's scope when a
 * SKU in scope loads it (or, for an owner, a capacity flag of theirs is on it). Reads the model live, so a SKU moved to another site leaves the scope.
 */
export function skuScope(plan: PlanDoc, model: PlanModel, options: RowOptions): SkuScope {
  if (!isScoped(options)) return WHOLE_PLAN
  const { site, family, owner } = options
  const owned = owner === undefined ? undefined : ownedSkus(plan, owner)
  const hasSku = (sku: string) => {
    const item = model.sku(sku)?.item
    if (!item) return false
    if (site !== undefined && item.site !== site) return false
    if (family !== undefined && item.family !== family) return false
    return owned === undefined || owned.has(sku)
  }
  const resourceSite = new Map(plan.readMeta().resources.map((r) => [r.id, r.site]))
  const loaded =
    family === undefined && owner === undefined
      ? undefined
      : new Set(
          plan
            .listSkus()
            .filter(hasSku)
            .map((sku) => model.sku(sku)?.item.resource ?? ''),
        )
  return {
    scoped: true,
    hasSku,
    hasResource: (resource) =>
      (site === undefined || resourceSite.get(resource) === site) &&
      (loaded === undefined || loaded.has(resource) || owned?.has(resource) === true),
  }
}

/** The SKUs (and resources, for capacity flags) with a flag `owner` owns, not resolved yet. */
export function ownedSkus(plan: PlanDoc, owner: string): Set<string> {
  const skus = new Set<string>()
  for (const flag of readFlags(plan)) {
    if (flag.owner !== owner || flag.status === 'resolved' || !Array.isArray(flag.cells)) continue
    for (const cell of flag.cells) skus.add(cell.key)
  }
  return skus
}

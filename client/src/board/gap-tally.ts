import type { Gap, GapKind, ModelChange, PlanModel } from '@tandem/shared'
import { GAP_KINDS } from '@tandem/shared'
import type { SkuScope } from '../plan-view/sku-scope.js'
import { WHOLE_PLAN } from '../plan-view/sku-scope.js'

export type GapCounts = Record<GapKind, number>

/**
 * Counts of gaps by kind over the SKUs and resources in scope (the whole plan by default), kept
 * up to date per change: only the SKUs and resources a transaction touched are recounted.
 */
export class GapTally {
  private readonly bySku = new Map<string, Gap[]>()
  private readonly byResource = new Map<string, Gap[]>()
  private totals: GapCounts = emptyCounts()

  constructor(
    private readonly model: PlanModel,
    private readonly scope: SkuScope = WHOLE_PLAN,
  ) {
    for (const gap of model.allGaps()) {
      if (!this.inScope(gap)) continue
      const index = gap.kind === 'overCapacity' ? this.byResource : this.bySku
      index.set(gap.key, [...(index.get(gap.key) ?? []), gap])
      this.totals[gap.kind]++
    }
  }

  private inScope(gap: Gap): boolean {
    return gap.kind === 'overCapacity'
      ? this.scope.hasResource(gap.key)
      : this.scope.hasSku(gap.key)
  }

  get counts(): GapCounts {
    return this.totals
  }

  /** Applies a model change; true when a count moved. */
  update(change: ModelChange): boolean {
    const before = JSON.stringify(this.totals)
    const next = { ...this.totals }
    const swap = (index: Map<string, Gap[]>, key: string, gaps: Gap[]) => {
      for (const gap of index.get(key) ?? []) next[gap.kind]--
      for (const gap of gaps) next[gap.kind]++
      if (gaps.length > 0) index.set(key, gaps)
      else index.delete(key)
    }
    const { scope } = this
    for (const sku of change.skus)
      swap(this.bySku, sku, scope.hasSku(sku) ? (this.model.sku(sku)?.gaps ?? []) : [])
    for (const resource of change.resources) {
      const gaps = scope.hasResource(resource) ? (this.model.resource(resource)?.gaps ?? []) : []
      swap(this.byResource, resource, gaps)
    }
    this.totals = next
    return JSON.stringify(next) !== before
  }
}

function emptyCounts(): GapCounts {
  return Object.fromEntries(GAP_KINDS.map((kind) => [kind, 0])) as GapCounts
}

import type { GroupRollUp, ModelChange, PlanModel } from '@tandem/shared'
import { groupRollUp } from '@tandem/shared'

/**
 * The roll-ups of the board's groups and of everything in view, computed when first painted and
 * kept until a change touches one of their SKUs (`invalidate`, before the grid repaints).
 */
export class RollUpCache {
  private readonly cached = new Map<string, GroupRollUp>()
  private readonly groupOf = new Map<string, string>()

  /** `groups`: the SKUs in scope of each group, by group id; `all`: every SKU in scope. */
  constructor(
    private readonly model: PlanModel,
    private readonly groups: ReadonlyMap<string, readonly string[]>,
    private readonly all: readonly string[],
    private readonly periodCount: number,
  ) {
    for (const [group, skus] of groups) for (const sku of skus) this.groupOf.set(sku, group)
  }

  /** The roll-up of one group, or undefined for a group the layout does not hold. */
  group(group: string): GroupRollUp | undefined {
    const skus = this.groups.get(group)
    if (!skus) return undefined
    return this.read(`group:${group}`, skus)
  }

  /** The SKUs a group's roll-up sums (in scope, whatever the gap filters show). */
  skusOf(group: string): readonly string[] {
    return this.groups.get(group) ?? []
  }

  /** Everything in view summed: the plan's total when nothing is filtered out. */
  total(): GroupRollUp {
    return this.read('total', this.all)
  }

  /** Every SKU in scope, in layout order. */
  allSkus(): readonly string[] {
    return this.all
  }

  /** The group a SKU is counted in. */
  groupOfSku(sku: string): string | undefined {
    return this.groupOf.get(sku)
  }

  /** Forgets the roll-ups a model change touched. */
  invalidate(change: ModelChange): void {
    if (change.skus.size === 0) return
    this.cached.delete('total')
    for (const sku of change.skus) {
      const group = this.groupOf.get(sku)
      if (group !== undefined) this.cached.delete(`group:${group}`)
    }
  }

  private read(key: string, skus: readonly string[]): GroupRollUp {
    const hit = this.cached.get(key)
    if (hit) return hit
    const fresh = groupRollUp(this.model, skus, this.periodCount)
    this.cached.set(key, fresh)
    return fresh
  }
}

import type { GapKind, PlanDoc, PlanModel } from '@tandem/shared'
import type { BoardRow, FamilyMeasure, SkuMeasure } from './board-row.js'
import { rowKey, SKU_MEASURES } from './board-row.js'
import type { RowOptions } from './row-options.js'
import type { SkuSort } from './sku-sort.js'
import { sortSkus } from './sku-sort.js'
import type { TimeAxis } from './time-axis.js'

/** The rows of the board in display order, with indexes to find a row by key, SKU or family. */
export interface BoardLayout {
  rows: BoardRow[]
  indexOf: Map<string, number>
  rowsOfSku: Map<string, number[]>
  rowsOfFamily: Map<string, number[]>
  rowsOfResource: Map<string, number[]>
  /** SKUs shown, so that a filter can tell when a SKU's gaps appear or vanish. */
  shownSkus: Set<string>
}

const FAMILY_MEASURES: FamilyMeasure[] = ['demand', 'supply', 'projected', 'shortage']

/** How SKUs are ordered inside their group, and the time columns a period sort reads. */
export interface LayoutOrder {
  sort?: SkuSort
  axis?: TimeAxis
}

/**
 * Lays out the grand total, family blocks (roll-up rows, then each SKU's block, in `order`) and
 * the resources at the end. Only row descriptors are built here, never cells: cells are read
 * lazily while painting.
 */
export function buildBoardLayout(
  plan: PlanDoc,
  model: PlanModel,
  options: RowOptions,
  order: LayoutOrder = {},
): BoardLayout {
  const rows: BoardRow[] = []
  const rowsOfSku = new Map<string, number[]>()
  const rowsOfFamily = new Map<string, number[]>()
  const rowsOfResource = new Map<string, number[]>()
  const shownSkus = new Set<string>()
  const measures = SKU_MEASURES.filter((m) => options.measures.includes(m))
  const familyMeasures = FAMILY_MEASURES.filter((m) =>
    options.measures.includes(m === 'shortage' ? 'projected' : m),
  )
  const push = (row: BoardRow, index: Map<string, number[]>, id: string) => {
    const list = index.get(id)
    if (list) list.push(rows.length)
    else index.set(id, [rows.length])
    rows.push(row)
  }
  const families = [...plan.listFamilies()]
  if (families.length > 1)
    familyMeasures.forEach((measure, i) => rows.push({ kind: 'total', measure, first: i === 0 }))
  const kind = options.gapKind
  const { sort, axis } = order
  const bucket =
    sort?.by === 'period' && axis ? axis.buckets[axis.bucketOfPeriod[sort.period] ?? -1] : undefined
  for (const [family, skus] of families) {
    const shown = options.gapsOnly || kind ? skus.filter((sku) => hasGaps(model, sku, kind)) : skus
    if (shown.length === 0) continue
    familyMeasures.forEach((measure, i) =>
      push({ kind: 'family', family, measure, first: i === 0 }, rowsOfFamily, family),
    )
    for (const sku of sortSkus(shown, sort, model, bucket)) {
      shownSkus.add(sku)
      measures.forEach((measure: SkuMeasure, i) =>
        push({ kind: 'sku', family, sku, measure, first: i === 0 }, rowsOfSku, sku),
      )
    }
  }
  for (const resource of plan.readMeta().resources) {
    if (kind && kind !== 'overCapacity') continue
    if (kind && (model.resource(resource.id)?.gaps.length ?? 0) === 0) continue
    push(
      { kind: 'resource', resource: resource.id, measure: 'capacity', first: true },
      rowsOfResource,
      resource.id,
    )
    push(
      { kind: 'resource', resource: resource.id, measure: 'load', first: false },
      rowsOfResource,
      resource.id,
    )
  }
  const indexOf = new Map<string, number>()
  rows.forEach((row, i) => indexOf.set(rowKey(row), i))
  return { rows, indexOf, rowsOfSku, rowsOfFamily, rowsOfResource, shownSkus }
}

/**
 * Whether a SKU has gaps (of `kind`, when given). A SKU is over capacity when the resource it
 * needs is loaded above 100% in some period.
 */
export function hasGaps(model: PlanModel, sku: string, kind?: GapKind): boolean {
  const view = model.sku(sku)
  if (!view) return false
  if (kind === 'overCapacity') return (model.resource(view.item.resource)?.gaps.length ?? 0) > 0
  return kind ? view.gaps.some((gap) => gap.kind === kind) : view.gaps.length > 0
}

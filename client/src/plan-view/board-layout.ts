import type { GapKind, Item, PlanDoc, PlanModel } from '@tandem/shared'
import type { BoardRow, FamilyMeasure, SkuMeasure } from './board-row.js'
import { rowKey, SKU_MEASURES, TRANSFER_MEASURES } from './board-row.js'
import { RollUpCache } from './roll-up-cache.js'
import type { Grouping } from './grouping.js'
import type { RowOptions } from './row-options.js'
import type { SkuScope } from './sku-scope.js'
import { skuScope } from './sku-scope.js'
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
  /** Transfer rows are asked for (shown for the SKUs that have transfers). */
  showsTransfers: boolean
  /** The SKUs shown with their transfer rows. */
  transferRows: Set<string>
  /** What the site, family and owner filters leave in view. */
  scope: SkuScope
  grouping: Grouping
  /** The roll-ups of the groups and of everything in scope. */
  rollUps: RollUpCache
}

const FAMILY_MEASURES: FamilyMeasure[] = ['demand', 'supply', 'projected', 'shortage']

/** How SKUs are ordered inside their group, and the time columns a period sort reads. */
export interface LayoutOrder {
  sort?: SkuSort
  axis?: TimeAxis
}

/**
 * Lays out the grand total, the groups (roll-up rows, then each SKU's block, in `order`) and
 * the resources at the end (inside their groups when grouped by resource). Grouped by family
 * with no filter, the roll-ups are the plan's own family rows;
 * otherwise group rows summing the SKUs in scope (a typed total spreads over them in both). Only row descriptors are built
 * here, never cells: cells are read lazily while painting.
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
  const transferRows = new Set<string>()
  const scope = skuScope(plan, model, options)
  const grouping = options.groupBy
  const measures = SKU_MEASURES.filter((m) => options.measures.includes(m))
  const showsTransfers = TRANSFER_MEASURES.some((m) => measures.includes(m))
  const familyMeasures = FAMILY_MEASURES.filter((m) =>
    options.measures.includes(m === 'shortage' ? 'projected' : m),
  )
  const push = (row: BoardRow, index: Map<string, number[]>, id: string) => {
    const list = index.get(id)
    if (list) list.push(rows.length)
    else index.set(id, [rows.length])
    rows.push(row)
  }
  const meta = plan.readMeta()
  const groups = groupSkus(plan, model, scope, grouping)
  const all = [...groups.values()].flat()
  const rollUps = new RollUpCache(model, groups, all, meta.periodCount)
  if (groups.size > 1)
    familyMeasures.forEach((measure, i) => rows.push({ kind: 'total', measure, first: i === 0 }))
  const kind = options.gapKind
  const { sort, axis } = order
  const bucket =
    sort?.by === 'period' && axis ? axis.buckets[axis.bucketOfPeriod[sort.period] ?? -1] : undefined
  const familyRows = grouping === 'family' && !scope.scoped
  const resourceRows = (resource: string) => {
    if (!scope.hasResource(resource)) return
    if (kind && kind !== 'overCapacity') return
    if (kind && (model.resource(resource)?.gaps.length ?? 0) === 0) return
    for (const measure of ['capacity', 'load'] as const)
      push(
        { kind: 'resource', resource, measure, first: measure === 'capacity' },
        rowsOfResource,
        resource,
      )
  }
  const resources = new Set(meta.resources.map((r) => r.id))
  for (const [group, skus] of groups) {
    const shown = options.gapsOnly || kind ? skus.filter((sku) => hasGaps(model, sku, kind)) : skus
    const standing = grouping === 'resource' && resources.has(group)
    if (shown.length === 0 && !standing) continue
    familyMeasures.forEach((measure, i) =>
      familyRows
        ? push({ kind: 'family', family: group, measure, first: i === 0 }, rowsOfFamily, group)
        : push(
            { kind: 'group', by: grouping, group, measure, first: i === 0 },
            rowsOfFamily,
            group,
          ),
    )
    if (standing) resourceRows(group)
    for (const sku of sortSkus(shown, sort, model, bucket)) {
      shownSkus.add(sku)
      const withTransfers = showsTransfers && model.transfersOf(sku).length > 0
      if (withTransfers) transferRows.add(sku)
      const family = model.sku(sku)?.item.family ?? ''
      measures
        .filter((m) => withTransfers || !TRANSFER_MEASURES.includes(m))
        .forEach((measure: SkuMeasure, i) =>
          push({ kind: 'sku', family, sku, measure, first: i === 0 }, rowsOfSku, sku),
        )
    }
  }
  if (grouping !== 'resource') for (const resource of meta.resources) resourceRows(resource.id)
  const indexOf = new Map<string, number>()
  rows.forEach((row, i) => indexOf.set(rowKey(row), i))
  return {
    rows,
    indexOf,
    rowsOfSku,
    rowsOfFamily,
    rowsOfResource,
    shownSkus,
    showsTransfers,
    transferRows,
    scope,
    grouping,
    rollUps,
  }
}

/**
 * The SKUs in scope by group, in plan order: families in the plan's order; sites in the order
 * the plan lists them; resources likewise, each standing resource listed even without SKUs in
 * scope, and SKUs that need no resource last (group id '').
 */
function groupSkus(
  plan: PlanDoc,
  model: PlanModel,
  scope: SkuScope,
  grouping: Grouping,
): Map<string, string[]> {
  const groups = new Map<string, string[]>()
  if (grouping === 'site') for (const site of plan.readMeta().sites) groups.set(site.id, [])
  if (grouping === 'resource')
    for (const resource of plan.readMeta().resources)
      if (scope.hasResource(resource.id)) groups.set(resource.id, [])
  for (const [family, skus] of plan.listFamilies()) {
    for (const sku of skus) {
      if (scope.scoped && !scope.hasSku(sku)) continue
      const item = model.sku(sku)?.item
      const group = item ? groupOfItem(item, grouping) : family
      const list = groups.get(group)
      if (list) list.push(sku)
      else groups.set(group, [sku])
    }
  }
  for (const [group, skus] of groups)
    if (skus.length === 0 && !(grouping === 'resource' && group !== '')) groups.delete(group)
  return groups
}

/** The group a SKU is listed in under a grouping. */
export function groupOfItem(item: Item, grouping: Grouping): string {
  return grouping === 'family' ? item.family : grouping === 'site' ? item.site : item.resource
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

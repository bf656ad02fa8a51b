import type { PlanModel, TimeBucket } from '@tandem/shared'
import { flowIn, stockIn } from './time-axis.js'

/** The measures a period column can sort SKUs by. */
export const SORT_MEASURES = ['demand', 'supply', 'projected'] as const

export type SortMeasure = (typeof SORT_MEASURES)[number]

/**
 * How SKUs are ordered inside their group: by name, by gap count, or by a measure's value in
 * the column that holds `period` (at a rolled-up grain, the whole bucket's value). Without a
 * sort, SKUs keep plan order.
 */
export type SkuSort = (
  { by: 'name' } | { by: 'gaps' } | { by: 'period'; period: number; measure: SortMeasure }
) & { direction: 'ascending' | 'descending' }

/** What a header click asks to sort by. */
export type SortRequest =
  { by: 'name' } | { by: 'gaps' } | { by: 'period'; period: number; measure: SortMeasure }

/**
 * The sort after a header click: a new column sorts ascending, the same column again reverses,
 * and a third click restores plan order (`undefined`).
 */
export function nextSort(current: SkuSort | undefined, request: SortRequest): SkuSort | undefined {
  if (!current || !sameColumn(current, request)) return { ...request, direction: 'ascending' }
  return current.direction === 'ascending' ? { ...current, direction: 'descending' } : undefined
}

function sameColumn(sort: SkuSort, request: SortRequest): boolean {
  if (sort.by !== request.by) return false
  if (sort.by !== 'period' || request.by !== 'period') return true
  return sort.period === request.period && sort.measure === request.measure
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/**
 * SKUs in the order of `sort`. Ties (and SKUs missing from the model) keep their plan order,
 * whichever the direction, so a sort is stable and a reversed sort is not plan order reversed.
 * `bucket` is the column `sort.period` falls in.
 */
export function sortSkus(
  skus: readonly string[],
  sort: SkuSort | undefined,
  model: PlanModel,
  bucket?: TimeBucket,
): string[] {
  if (!sort) return [...skus]
  const sign = sort.direction === 'ascending' ? 1 : -1
  const order = skus.map((sku, index) => ({ sku, index }))
  if (sort.by === 'name') {
    const names = skus.map((sku) => model.sku(sku)?.item.name ?? sku)
    order.sort(
      (a, b) => sign * collator.compare(names[a.index], names[b.index]) || a.index - b.index,
    )
    return order.map(({ sku }) => sku)
  }
  const keys = skus.map((sku) => numericKey(model, sku, sort, bucket))
  order.sort((a, b) => sign * (keys[a.index] - keys[b.index]) || a.index - b.index)
  return order.map(({ sku }) => sku)
}

function numericKey(
  model: PlanModel,
  sku: string,
  sort: SkuSort,
  bucket: TimeBucket | undefined,
): number {
  const view = model.sku(sku)
  if (!view) return 0
  if (sort.by === 'gaps') return view.gaps.length
  if (sort.by !== 'period') return 0
  const column = bucket ?? { key: '', first: sort.period, last: sort.period }
  if (sort.measure === 'projected') return stockIn(view.projected, column)
  return flowIn(sort.measure === 'demand' ? view.demand : view.supply, column)
}

import type { Grouping } from './grouping.js'

/** The measures a SKU block can show, in display order. */
export const SKU_MEASURES = [
  'demand',
  'statistical',
  'actuals',
  'supply',
  'transferIn',
  'transferOut',
  'projected',
  'gap',
  'safetyStock',
  'maxStock',
] as const

export type SkuMeasure = (typeof SKU_MEASURES)[number]

/** The measures shown until a person changes the row toggles. */
export const DEFAULT_SKU_MEASURES: readonly SkuMeasure[] = ['demand', 'supply', 'projected', 'gap']

/** The measures of a SKU's transfers: shown only for SKUs that have transfers. */
export const TRANSFER_MEASURES: readonly SkuMeasure[] = ['transferIn', 'transferOut']

/** A family's (and the grand total's) rows: the sums, and the shortage the sums would hide. */
export type FamilyMeasure = 'demand' | 'supply' | 'projected' | 'shortage'

export type ResourceMeasure = 'capacity' | 'load'

/**
 * One row of the board: the grand total, a family roll-up (editable: a typed total spreads), a
 * group roll-up (a typed total spreads over its SKUs in scope: a site, a resource, or a family narrowed by a filter), a SKU measure, or a resource's
 * capacity or load.
 */
export type BoardRow =
  | { kind: 'total'; measure: FamilyMeasure; first: boolean }
  | { kind: 'family'; family: string; measure: FamilyMeasure; first: boolean }
  | { kind: 'group'; by: Grouping; group: string; measure: FamilyMeasure; first: boolean }
  | { kind: 'sku'; family: string; sku: string; measure: SkuMeasure; first: boolean }
  | { kind: 'resource'; resource: string; measure: ResourceMeasure; first: boolean }

/** A row's identity, the same in every browser whatever its filters: used for presence. */
export function rowKey(row: BoardRow): string {
  switch (row.kind) {
    case 'total':
      return `total:${row.measure}`
    case 'family':
      return `family:${row.family}:${row.measure}`
    case 'group':
      return `group:${row.by}:${row.group}:${row.measure}`
    case 'sku':
      return `sku:${row.sku}:${row.measure}`
    case 'resource':
      return `resource:${row.resource}:${row.measure}`
  }
}

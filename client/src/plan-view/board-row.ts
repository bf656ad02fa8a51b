/** The measures a SKU block can show, in display order. */
export const SKU_MEASURES = ['demand', 'supply', 'projected', 'gap'] as const

export type SkuMeasure = (typeof SKU_MEASURES)[number]

export type FamilyMeasure = 'demand' | 'supply' | 'projected'

export type ResourceMeasure = 'capacity' | 'load'

/** One row of the board: a family roll-up, a SKU measure, or a resource's capacity or load. */
export type BoardRow =
  | { kind: 'family'; family: string; measure: FamilyMeasure; first: boolean }
  | { kind: 'sku'; family: string; sku: string; measure: SkuMeasure; first: boolean }
  | { kind: 'resource'; resource: string; measure: ResourceMeasure; first: boolean }

/** A row's identity, the same in every browser whatever its filters: used for presence. */
export function rowKey(row: BoardRow): string {
  switch (row.kind) {
    case 'family':
      return `family:${row.family}:${row.measure}`
    case 'sku':
      return `sku:${row.sku}:${row.measure}`
    case 'resource':
      return `resource:${row.resource}:${row.measure}`
  }
}

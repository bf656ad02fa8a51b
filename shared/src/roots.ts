/** The top-level Yjs types of a plan document, grouped by who may write them. */
export const ROOTS = [
  'meta',
  'items',
  'demand',
  'supply',
  'capacity',
  'comments',
  'flags',
  'actuals',
  'forecast',
  'overrideReasons',
  'cycle',
  'transfers',
  'meeting',
] as const

export type RootName = (typeof ROOTS)[number]

/** Measures are the editable numeric rows of a plan. */
export const MEASURES = ['demand', 'supply', 'capacity'] as const

export type Measure = (typeof MEASURES)[number]

export function isRootName(value: unknown): value is RootName {
  return typeof value === 'string' && (ROOTS as readonly string[]).includes(value)
}

export function isMeasure(value: unknown): value is Measure {
  return typeof value === 'string' && (MEASURES as readonly string[]).includes(value)
}

/** Row keys of `demand` and `supply` are SKU ids; rows of `capacity` are resource ids. */
export function measureKeyKind(measure: Measure): 'sku' | 'resource' {
  return measure === 'capacity' ? 'resource' : 'sku'
}

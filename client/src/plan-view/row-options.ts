import type { GapKind } from '@tandem/shared'
import { GAP_KINDS } from '@tandem/shared'
import type { SkuMeasure } from './board-row.js'
import { DEFAULT_SKU_MEASURES, SKU_MEASURES } from './board-row.js'

/** Which rows the board shows (the measures, and the filter): part of the view state. */
export interface RowOptions {
  measures: SkuMeasure[]
  gapsOnly: boolean
  /** Only SKUs (and resources) with a gap of this kind, from a gap badge. */
  gapKind?: GapKind
}

/** The row options before a person changes anything. */
export function defaultRowOptions(): RowOptions {
  return { measures: [...DEFAULT_SKU_MEASURES], gapsOnly: false }
}

/** Row options read from untrusted JSON (storage, a presenter): what is not known is dropped. */
export function parseRowOptions(stored: unknown): RowOptions {
  const given = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<
    string,
    unknown
  >
  const measures = (Array.isArray(given.measures) ? given.measures : []).filter(
    (m): m is SkuMeasure => (SKU_MEASURES as readonly unknown[]).includes(m),
  )
  const gapKind = GAP_KINDS.find((kind) => kind === given.gapKind)
  return {
    measures: measures.length > 0 ? [...new Set(measures)] : [...DEFAULT_SKU_MEASURES],
    gapsOnly: given.gapsOnly === true,
    ...(gapKind ? { gapKind } : {}),
  }
}

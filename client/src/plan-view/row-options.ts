import type { GapKind } from '@tandem/shared'
import { GAP_KINDS } from '@tandem/shared'
import type { SkuMeasure } from './board-row.js'
import { DEFAULT_SKU_MEASURES, SKU_MEASURES } from './board-row.js'
import type { Grouping } from './grouping.js'
import { GROUPINGS } from './grouping.js'

/** Which rows the board shows (the measures, grouping and filters): part of the view state. */
export interface RowOptions {
  measures: SkuMeasure[]
  gapsOnly: boolean
  /** Only SKUs (and resources) with a gap of this kind, from a gap badge. */
  gapKind?: GapKind
  /** Rows grouped by family (the default), by site or by resource. */
  groupBy: Grouping
  /** Only the SKUs and resources of this site. */
  site?: string
  /** Only the SKUs of this family. */
  family?: string
  /** Only the SKUs with an open flag this user (by id) owns. */
  owner?: string
}

/** The filters that choose the SKUs in view: roll-ups, gap counts and the chart follow them. */
export const SCOPE_FILTERS = ['site', 'family', 'owner'] as const

/** The row options before a person changes anything. */
export function defaultRowOptions(): RowOptions {
  return { measures: [...DEFAULT_SKU_MEASURES], gapsOnly: false, groupBy: 'family' }
}

/** True when a site, family or owner filter narrows the SKUs in view. */
export function isScoped(options: RowOptions): boolean {
  return SCOPE_FILTERS.some((filter) => options[filter] !== undefined)
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
  const filters: Partial<Pick<RowOptions, (typeof SCOPE_FILTERS)[number]>> = {}
  for (const filter of SCOPE_FILTERS) {
    const value = given[filter]
    if (typeof value === 'string' && value.length > 0 && value.length <= 128)
      filters[filter] = value
  }
  return {
    measures: measures.length > 0 ? [...new Set(measures)] : [...DEFAULT_SKU_MEASURES],
    gapsOnly: given.gapsOnly === true,
    ...(gapKind ? { gapKind } : {}),
    groupBy: GROUPINGS.find((g) => g === given.groupBy) ?? 'family',
    ...filters,
  }
}

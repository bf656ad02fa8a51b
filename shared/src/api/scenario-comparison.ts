import type { CellDiff, TotalDiff } from '../compare-plans.js'
import type { GapKind } from '../gap.js'
import type { Measure } from '../roots.js'

/** One period of one SKU (or resource, for over capacity) in a gap. */
export interface GapCell {
  kind: GapKind
  key: string
  period: number
}

/** How many gap cells of each kind a side has. */
export type GapCounts = Record<GapKind, number>

/** The change in one measure's total for one site. */
export interface SiteTotalDiff {
  site: string
  measure: Measure
  from: number
  to: number
}

/**
 * A resource's load per period on each side (supply that needs it ÷ its capacity); null where
 * supply needs a resource that has no capacity in that period (an unbounded load).
 */
export interface ResourceLoadDiff {
  resource: string
  from: (number | null)[]
  to: (number | null)[]
  /** Periods above 100 % on each side. */
  overFrom: number
  overTo: number
}

/** Money over the horizon, where SKUs have prices (revenue) and unit costs (inventory). */
export interface MoneyTotals {
  inventoryValue: number
  revenueAtRisk: number
}

/**
 * Two plans compared (a scenario and its base, or two scenarios): `from` is the first, `to` the
 * second. Lists of gap cells hold at most `GAP_CELL_LIMIT` entries each; the counts are whole.
 */
export interface ScenarioComparison {
  cells: CellDiff[]
  totals: TotalDiff[]
  siteTotals: SiteTotalDiff[]
  gaps: {
    /** Gap cells `from` has and `to` has not (closed), and the other way (opened). */
    onlyFrom: GapCell[]
    onlyTo: GapCell[]
    onlyFromCount: number
    onlyToCount: number
    from: GapCounts
    to: GapCounts
  }
  capacity: ResourceLoadDiff[]
  /** Absent when no SKU has a price or a unit cost. */
  money?: { from: MoneyTotals; to: MoneyTotals }
}

export const GAP_CELL_LIMIT = 1000

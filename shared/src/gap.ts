/** The kinds of gap a plan can show. */
export const GAP_KINDS = ['shortage', 'belowSafetyStock', 'overCapacity', 'excess'] as const

export type GapKind = (typeof GAP_KINDS)[number]

export type GapSeverity = 'high' | 'medium' | 'low'

/** A cell a gap concerns. `projected` is the computed projected-inventory row. */
export interface CellRef {
  measure: 'demand' | 'supply' | 'capacity' | 'projected'
  key: string
  period: number
}

/** A run of consecutive periods where the plan does not balance in one way. */
export interface Gap {
  kind: GapKind
  severity: GapSeverity
  /** The SKU for inventory gaps, the resource for capacity gaps. */
  key: string
  firstPeriod: number
  lastPeriod: number
  /** The worst shortfall or excess in the run, in units (or load − 1 for capacity). */
  worst: number
  cells: CellRef[]
}

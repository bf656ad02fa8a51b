import type { ActualsKind } from '../actuals/actuals-kind.js'

/** One actual sent to `PUT /api/plans/:id/actuals`: a SKU, a period key and its value. */
export interface ActualsRowInput {
  sku: string
  /** `2026-W49` or `2026-12`, from three years before the plan's first period to its last. */
  period: string
  /** The actual; null clears it (the period has no actual). */
  value: number | null
  /** Actual demand (the default) or actual production. */
  kind?: ActualsKind
}

/** The body of `PUT /api/plans/:id/actuals`. */
export interface PutActualsBody {
  rows: ActualsRowInput[]
}

/** What a successful `PUT /api/plans/:id/actuals` answers. */
export interface PutActualsAnswer {
  /** Cells whose value changed. */
  changedCells: number
  /** SKUs whose actuals row was written. */
  skus: number
}

import type { PeriodKind } from '../plan-meta.js'

/** A plan as the store keeps it and the REST API lists it, besides its document. */
export interface PlanRecord {
  id: string
  name: string
  periodKind: PeriodKind
  firstPeriod: string
  periodCount: number
  skuCount: number
  /** ISO timestamp. */
  createdAt: string
}

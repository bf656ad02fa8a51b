import type { PeriodKind } from '@tandem/shared'

/** A plan as the REST API lists it. */
export interface PlanRecord {
  id: string
  name: string
  periodKind: PeriodKind
  firstPeriod: string
  periodCount: number
  skuCount: number
  createdAt: string
}

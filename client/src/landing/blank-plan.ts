import type { PeriodKind, PlanRecord } from '@tandem/shared'
import { isoWeekStart } from '@tandem/shared'
import { call } from '../api/plans-api.js'

/** What the blank plan form asks for. */
export interface BlankPlanRequest {
  name: string
  periodKind: PeriodKind
  /** YYYY-MM-DD: the Monday of the first week, or the first of the first month. */
  firstPeriod: string
  periodCount: number
  unit: string
}

/**
 * The first day of the period a week or month input names (`2026-W05`, `2026-01`), or
 * undefined when it names none.
 */
export function firstDayOf(kind: PeriodKind, input: string): string | undefined {
  if (kind === 'week') {
    const week = /^(\d{4})-W(\d{2})$/.exec(input)
    return week ? isoWeekStart(Number(week[1]), Number(week[2])) : undefined
  }
  const month = /^(\d{4})-(\d{2})$/.exec(input)
  return month && Number(month[2]) >= 1 && Number(month[2]) <= 12 ? `${input}-01` : undefined
}

/** Creates a plan with a horizon and settings but no SKUs; planners add them in the board. */
export async function createBlankPlan(request: BlankPlanRequest): Promise<PlanRecord> {
  const { name, periodKind, firstPeriod, periodCount, unit } = request
  const body = JSON.stringify({
    name,
    rows: { meta: { name, periodKind, firstPeriod, periodCount, unit }, items: [] },
  })
  return (await call<{ plan: PlanRecord }>('/api/plans', { method: 'POST', body })).plan
}

import type { PeriodKind } from '../plan-meta.js'

/**
 * The index, on the calendar of a horizon starting at `firstPeriod`, of the period that
 * contains `date` (negative before the first period): where a version published at `date`
 * sits on a plan's calendar.
 */
export function periodAt(kind: PeriodKind, firstPeriod: string, date: Date): number {
  const start = new Date(`${firstPeriod}T00:00:00Z`)
  if (kind === 'week') return Math.floor((date.getTime() - start.getTime()) / (7 * 86_400_000))
  return (
    (date.getUTCFullYear() - start.getUTCFullYear()) * 12 +
    (date.getUTCMonth() - start.getUTCMonth())
  )
}

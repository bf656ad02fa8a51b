import type { PeriodKind } from './plan-meta.js'

/** The first day (UTC) of period `index` of a horizon. */
export function periodStart(kind: PeriodKind, firstPeriod: string, index: number): Date {
  const start = new Date(`${firstPeriod}T00:00:00Z`)
  if (kind === 'week') return new Date(start.getTime() + index * 7 * 86_400_000)
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + index, 1))
}

/** ISO 8601 week number and its year, for labels such as 2026-W48. */
export function isoWeek(date: Date): { year: number; week: number } {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
  const weekday = day.getUTCDay() || 7
  day.setUTCDate(day.getUTCDate() + 4 - weekday)
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1)
  return {
    year: day.getUTCFullYear(),
    week: Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7),
  }
}

/** A locale-free period key: `2026-W48` for weeks, `2026-12` for months. */
export function periodKey(kind: PeriodKind, firstPeriod: string, index: number): string {
  const start = periodStart(kind, firstPeriod, index)
  if (kind === 'month')
    return `${start.getUTCFullYear()}-${String(start.getUTCMonth() + 1).padStart(2, '0')}`
  const { year, week } = isoWeek(start)
  return `${year}-W${String(week).padStart(2, '0')}`
}

/** Average days in one period, for days-of-supply figures. */
export function daysPerPeriod(kind: PeriodKind): number {
  return kind === 'week' ? 7 : 365.25 / 12
}

/** The Monday on or before a date, as YYYY-MM-DD. */
export function mondayOf(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7))
  return day.toISOString().slice(0, 10)
}

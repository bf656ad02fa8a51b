import { isoWeek } from './periods.js'

/** The Monday (YYYY-MM-DD) of ISO week `week` of `year`, or undefined when there is no such week. */
export function isoWeekStart(year: number, week: number): string | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(week) || week < 1 || week > 53) return undefined
  const january4 = new Date(Date.UTC(year, 0, 4))
  const monday = january4.getTime() - ((january4.getUTCDay() + 6) % 7) * 86_400_000
  const start = new Date(monday + (week - 1) * 7 * 86_400_000)
  const check = isoWeek(start)
  if (check.year !== year || check.week !== week) return undefined
  return start.toISOString().slice(0, 10)
}

import type { PeriodKind } from '@tandem/shared'
import { isoWeek, periodKey } from '@tandem/shared'

/** A period column's header, understood: its kind and the first day of the period. */
export interface PeriodLabel {
  kind: PeriodKind
  /** YYYY-MM-DD */
  start: string
  /** The label as `periodKey` writes it: 2026-W49 or 2026-12. */
  key: string
}

/**
 * Reads a period header: `2026-W49` (an ISO week) or `2026-12` (a month). A date on the
 * first of a month (what Excel makes of a typed `2026-12`) is read as that month.
 */
export function parsePeriodLabel(text: string): PeriodLabel | undefined {
  const label = text.trim().toUpperCase()
  const week = /^(\d{4})-W(\d{2})$/.exec(label)
  if (week) {
    const year = Number(week[1])
    const number = Number(week[2])
    const january4 = new Date(Date.UTC(year, 0, 4))
    const monday = january4.getTime() - ((january4.getUTCDay() + 6) % 7) * 86_400_000
    const start = new Date(monday + (number - 1) * 7 * 86_400_000)
    const check = isoWeek(start)
    if (number < 1 || check.year !== year || check.week !== number) return undefined
    const day = start.toISOString().slice(0, 10)
    return { kind: 'week', start: day, key: periodKey('week', day, 0) }
  }
  const month = /^(\d{4})-(\d{2})(-01)?$/.exec(label)
  if (month) {
    const number = Number(month[2])
    if (number < 1 || number > 12) return undefined
    const start = `${month[1]}-${month[2]}-01`
    return { kind: 'month', start, key: periodKey('month', start, 0) }
  }
  return undefined
}

import type { PeriodKind } from '@tandem/shared'
import { isoWeek, isoWeekStart, mondayOf, periodKey } from '@tandem/shared'

/** A period column's header, understood: its kind and the first day of the period. */
export interface PeriodLabel {
  kind: PeriodKind
  /** YYYY-MM-DD */
  start: string
  /** The label as `periodKey` writes it: 2026-W49 or 2026-12. */
  key: string
  /**
   * The header was a date on the first of a month: read as that month, but it may also be the
   * Monday of a week among weekly headers (`asWeek`).
   */
  asWeek?: PeriodLabel
}

const MONTHS_EN = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]
const MONTHS_ZH = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二']

/**
 * Reads a period header, the way planners write them:
 * - ISO weeks: `2026-W05`, `2026W05`, `W05 2026`, `W5-2026`, `2026 W5`, `Week 5 2026`,
 *   `2026 week 5`, `2026年第5周`, `2026年第05週`, `第5周 2026`, `2026-第5周`;
 * - months: `2026-01`, `Jan 2026`, `January 2026`, `2026 Jan`, `2026年1月`, `2026年一月`,
 *   `一月 2026`, `1月 2026`;
 * - dates (`2026-01-26`, `2026/01/26`, `2026年1月26日`, `Jan 26, 2026`, `26 January 2026`,
 *   what Excel makes of a date cell): the first of a month is that month, any other day the
 *   ISO week it falls in.
 */
export function parsePeriodLabel(text: string): PeriodLabel | undefined {
  const label = text.trim().replace(/\s+/g, ' ')
  const week = weekOf(label)
  if (week) return weekLabel(week.year, week.week)
  const numeric = /^(\d{4})-(\d{2})$/.exec(label) ?? /^(\d{4})年\s?(\d{1,2})月$/.exec(label)
  if (numeric) return monthLabel(Number(numeric[1]), Number(numeric[2]))
  const named = monthByName(label)
  if (named) return monthLabel(named.year, named.month)
  const date = dateOf(label)
  if (date) return dateLabel(date.year, date.month, date.day)
  return undefined
}

/** `2026-W05`, `W05 2026`, `Week 5, 2026`, `2026年第5周`, `第5周 2026`. */
function weekOf(label: string): { year: number; week: number } | undefined {
  const yearFirst =
    /^(\d{4})[- ]?(?:W|wk\.? ?|week ?)(\d{1,2})$/i.exec(label) ??
    /^(\d{4}) ?[年-]? ?第 ?(\d{1,2}) ?[周週]$/.exec(label)
  if (yearFirst) return { year: Number(yearFirst[1]), week: Number(yearFirst[2]) }
  const weekFirst =
    /^(?:W|wk\.? ?|week ?)(\d{1,2})[-,/]? ?(\d{4})$/i.exec(label) ??
    /^第 ?(\d{1,2}) ?[周週][-,/]? ?(\d{4})年?$/.exec(label)
  if (weekFirst) return { year: Number(weekFirst[2]), week: Number(weekFirst[1]) }
  return undefined
}

/** `2026-01-26`, `2026/01/26`, `2026年1月26日`, `Jan 26, 2026`, `26 Jan 2026`. */
function dateOf(label: string): { year: number; month: number; day: number } | undefined {
  const numeric =
    /^(\d{4})[-/](\d{2})[-/](\d{2})$/.exec(label) ??
    /^(\d{4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?[日号]$/.exec(label)
  if (numeric)
    return { year: Number(numeric[1]), month: Number(numeric[2]), day: Number(numeric[3]) }
  const monthFirst = /^([a-z]+)\.? (\d{1,2}),? (\d{4})$/i.exec(label)
  const dayFirst = /^(\d{1,2}) ([a-z]+)\.?,? (\d{4})$/i.exec(label)
  const [name, day, year] = monthFirst
    ? [monthFirst[1], monthFirst[2], monthFirst[3]]
    : dayFirst
      ? [dayFirst[2], dayFirst[1], dayFirst[3]]
      : []
  const month = name === undefined ? 0 : englishMonth(name)
  return month > 0 ? { year: Number(year), month, day: Number(day) } : undefined
}

/** 1 to 12 for an English month name or its three-letter short form, else 0. */
function englishMonth(text: string): number {
  const name = text.toLowerCase()
  return (
    MONTHS_EN.findIndex(
      (month) => month === name || (name.length === 3 && month.startsWith(name)),
    ) + 1
  )
}

function swap(match: RegExpExecArray | null): [string, string, string] | undefined {
  return match ? [match[0], match[2], match[1]] : undefined
}

function weekLabel(year: number, week: number): PeriodLabel | undefined {
  const start = isoWeekStart(year, week)
  return start ? { kind: 'week', start, key: periodKey('week', start, 0) } : undefined
}

function monthLabel(year: number, month: number): PeriodLabel | undefined {
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined
  const start = `${year}-${String(month).padStart(2, '0')}-01`
  return { kind: 'month', start, key: periodKey('month', start, 0) }
}

function dateLabel(year: number, month: number, day: number): PeriodLabel | undefined {
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return undefined
  const { year: weekYear, week } = isoWeek(date)
  const asWeek = weekLabel(weekYear, week)
  if (day === 1) {
    const monthly = monthLabel(year, month)
    return monthly && { ...monthly, asWeek }
  }
  return asWeek && { ...asWeek, start: mondayOf(date) }
}

/** `Jan 2026`, `January 2026`, `2026 Jan`, `一月 2026`, `1月 2026`, `2026年一月`. */
function monthByName(label: string): { year: number; month: number } | undefined {
  const english =
    /^([a-z]+)\.?[- ](\d{4})$/i.exec(label) ?? swap(/^(\d{4})[- ]([a-z]+)\.?$/i.exec(label))
  if (english) {
    const month = englishMonth(english[1])
    return month > 0 ? { year: Number(english[2]), month } : undefined
  }
  const chinese =
    /^([一二三四五六七八九十]{1,2}|\d{1,2})月 ?(\d{4})年?$/.exec(label) ??
    swap(/^(\d{4})年? ?([一二三四五六七八九十]{1,2}|\d{1,2})月$/.exec(label))
  if (chinese) {
    const month = /^\d+$/.test(chinese[1]) ? Number(chinese[1]) : MONTHS_ZH.indexOf(chinese[1]) + 1
    return month >= 1 && month <= 12 ? { year: Number(chinese[2]), month } : undefined
  }
  return undefined
}

import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { PeriodKind } from '@tandem/shared'
import { isoWeek, periodStart } from '@tandem/shared'

/** Number and date formats of the current language, built once per language. */
export interface Formatters {
  locale: string
  number: (value: number) => string
  percent: (value: number) => string
  date: (iso: string) => string
  dateTime: (iso: string) => string
  /** A period's short label: "W49 · Nov 30" or "Dec 2026". */
  period: (kind: PeriodKind, firstPeriod: string, index: number) => string
  /** A month by its key (`2026-02`): "Feb 2026". */
  month: (key: string) => string
  /** The month a period falls in, for the column group header. */
  periodGroup: (kind: PeriodKind, firstPeriod: string, index: number) => string
}

export function useFormatters(decimals = 0): Formatters {
  const { t, i18n } = useTranslation()
  const locale = i18n.language
  return useMemo(
    () => makeFormatters(locale, decimals, (week) => t('column.week', { week })),
    [locale, decimals, t],
  )
}

export function makeFormatters(
  locale: string,
  decimals: number,
  weekLabel: (week: number) => string,
): Formatters {
  const { number, percent, day, month, date, dateTime } = intlOf(locale, decimals)
  return {
    locale,
    number: (value) => number.format(value),
    percent: (value) => (Number.isFinite(value) ? percent.format(value) : '∞'),
    date: (iso) => date.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)),
    dateTime: (iso) => dateTime.format(new Date(iso)),
    period: (kind, firstPeriod, index) => {
      const start = periodStart(kind, firstPeriod, index)
      if (kind === 'month') return month.format(start)
      return `${weekLabel(isoWeek(start).week)} · ${day.format(start)}`
    },
    month: (key) => month.format(new Date(`${key}-01T00:00:00Z`)),
    periodGroup: (kind, firstPeriod, index) => {
      const start = periodStart(kind, firstPeriod, index)
      return kind === 'month' ? String(start.getUTCFullYear()) : month.format(start)
    },
  }
}

/** The Intl formatters of a locale and decimals, built once: each costs a fraction of a ms. */
const intlCache = new Map<string, ReturnType<typeof buildIntl>>()

function intlOf(locale: string, decimals: number) {
  const key = `${locale}|${decimals}`
  let intl = intlCache.get(key)
  if (!intl) {
    intl = buildIntl(locale, decimals)
    intlCache.set(key, intl)
  }
  return intl
}

function buildIntl(locale: string, decimals: number) {
  return {
    number: new Intl.NumberFormat(locale, { maximumFractionDigits: decimals }),
    percent: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }),
    day: new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }),
    month: new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }),
    date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
    dateTime: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
  }
}

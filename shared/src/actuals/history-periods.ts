import type { PeriodKind } from '../plan-meta.js'

/**
 * How many periods of history before period 0 an actuals row holds: three years. Fixed per
 * period kind, so every actuals row of a plan has `historyPeriods + periodCount` entries.
 */
export const HISTORY_PERIODS: Record<PeriodKind, number> = { week: 156, month: 36 }

/** The season length the forecast uses for a period kind: a year. */
export const SEASON_LENGTHS: Record<PeriodKind, number> = { week: 52, month: 12 }

/** The facts a stage's checklist is judged on; the caller reads them off the plan. */
export interface ChecklistFacts {
  /**
   * Index of the last period that has closed (ended before today), negative for a history
   * period before the plan's first; null when none has.
   */
  lastClosedPeriod: number | null
  /** Periods that have actual demand loaded. */
  periodsWithActuals: ReadonlySet<number>
  /** When actuals were last loaded, and when the statistical forecast last ran (ISO 8601). */
  actualsLoadedAt: string | null
  forecastRunAt: string | null
  /** Shortage gaps, each by its SKU and first period. */
  shortages: readonly { sku: string; firstPeriod: number }[]
  /** Open flags with an owner, by the gap they track (SKU and first period). */
  ownedFlags: readonly { key: string; firstPeriod: number }[]
  /** Over-capacity periods, each by resource and period. */
  overCapacity: readonly { resource: string; period: number }[]
  /** Resource periods that carry an explanation: a comment thread or a flag on the cell. */
  explained: readonly { resource: string; period: number }[]
}

export type ChecklistCheck =
  'actualsLoaded' | 'forecastCurrent' | 'shortagesFlagged' | 'overCapacityExplained'

export interface ChecklistResult {
  check: ChecklistCheck
  passed: boolean
  /** What is missing, for the message: periods, SKUs or resource periods, at most 20. */
  missing: string[]
}

/**
 * The checks Tandem evaluates itself before a stage is signed off: actuals loaded for the last
 * closed period; the statistical forecast run since then; every shortage tracked by a flag with
 * an owner; every over-capacity period explained.
 */
export function evaluateChecklist(facts: ChecklistFacts): ChecklistResult[] {
  const actualsLoaded =
    facts.lastClosedPeriod === null || facts.periodsWithActuals.has(facts.lastClosedPeriod)
  const forecastCurrent =
    facts.actualsLoadedAt === null ||
    (facts.forecastRunAt !== null && facts.forecastRunAt >= facts.actualsLoadedAt)
  const flagged = new Set(facts.ownedFlags.map((flag) => `${flag.key}@${flag.firstPeriod}`))
  const unflagged = facts.shortages
    .filter((gap) => !flagged.has(`${gap.sku}@${gap.firstPeriod}`))
    .map((gap) => `${gap.sku}@${gap.firstPeriod}`)
  const explained = new Set(facts.explained.map((cell) => `${cell.resource}@${cell.period}`))
  const unexplained = facts.overCapacity
    .map((cell) => `${cell.resource}@${cell.period}`)
    .filter((key) => !explained.has(key))
  return [
    {
      check: 'actualsLoaded',
      passed: actualsLoaded,
      missing: actualsLoaded ? [] : [String(facts.lastClosedPeriod)],
    },
    { check: 'forecastCurrent', passed: forecastCurrent, missing: [] },
    { check: 'shortagesFlagged', passed: unflagged.length === 0, missing: unflagged.slice(0, 20) },
    {
      check: 'overCapacityExplained',
      passed: unexplained.length === 0,
      missing: unexplained.slice(0, 20),
    },
  ]
}

import { HISTORY_PERIODS } from './actuals/history-periods.js'
import type { PlanInput } from './plan-input.js'
import { seededRandom } from './seeded-random.js'

/** Which demo SKUs show which history pattern (by position in the plan's items). */
export const DEMO_HISTORY_SHAPES = {
  /** Launched 10 periods before the plan starts: earlier periods are missing, not zero. */
  newProduct: 3,
  /** Being phased out: demand fades to nothing over the last year. */
  phaseOut: 5,
} as const

/**
 * Three years of seeded actual demand before a plan's first period, continuing each SKU's
 * demand row backwards: its level and trend, a yearly season, noise and promotion spikes
 * (about one period in 25 at 1.6–2.4×). Every seventh SKU is intermittent (most periods zero),
 * one is a new product with 10 periods of history and one is being phased out
 * (`DEMO_HISTORY_SHAPES`). Rows have `historyPeriods + periodCount` entries; the plan's own
 * periods are not closed yet and stay null.
 */
export function demoHistory(input: PlanInput, seed = 42): Record<string, (number | null)[]> {
  const { periodKind, periodCount } = input.meta
  const history = HISTORY_PERIODS[periodKind]
  const perYear = periodKind === 'week' ? 52 : 12
  const random = seededRandom(seed ^ 0x5eed)
  const actuals: Record<string, (number | null)[]> = {}
  input.items.forEach((item, index) => {
    const plan = input.demand[item.sku] ?? []
    const level = plan.length > 0 ? plan.reduce((a, b) => a + b, 0) / plan.length : 100
    const growth = (random.next() - 0.3) * (0.3 / perYear)
    const amplitude = 0.1 + random.next() * 0.35
    const phase = random.next() * Math.PI * 2
    const intermittent = index % 7 === 6
    const row = new Array<number | null>(history + periodCount).fill(null)
    for (let i = 0; i < history; i++) {
      const t = i - history
      const season = 1 + amplitude * Math.sin((2 * Math.PI * t) / perYear + phase)
      const trend = Math.max(0.2, 1 + growth * t)
      let value = level * trend * season * (1 + (random.next() - 0.5) * 0.25)
      if (random.next() < 0.04) value *= 1.6 + random.next() * 0.8
      if (intermittent) value = random.next() < 0.25 ? value * (1 + random.next() * 3) : 0
      if (index === DEMO_HISTORY_SHAPES.phaseOut && t > -perYear) value *= -t / perYear
      row[i] = Math.max(0, Math.round(value))
    }
    if (index === DEMO_HISTORY_SHAPES.newProduct) row.fill(null, 0, history - 10)
    actuals[item.sku] = row
  })
  return actuals
}

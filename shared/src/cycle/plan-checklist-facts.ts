import * as Y from 'yjs'
import { actualsSpan, readActuals } from '../actuals/actuals-row.js'
import type { PlanDoc } from '../plan-doc.js'
import type { PlanModel } from '../plan-model.js'
import { periodStart } from '../periods.js'
import { readStatisticalForecast } from '../statistical-forecast/statistical-forecast.js'
import type { ChecklistFacts } from './cycle-checklist.js'

interface Anchor {
  measure?: unknown
  key?: unknown
  period?: unknown
}

/**
 * The checklist facts, read off the plan as of `today`: the last period (history included) that
 * ended before today and which periods have actual demand; when that period closed (the actuals
 * of a closed period are what the forecast must have seen) and when the statistical forecast
 * last ran; shortages and their owned flags; over-capacity periods and the comments or flags on
 * their capacity cells that explain them.
 */
export function planChecklistFacts(plan: PlanDoc, model: PlanModel, today: Date): ChecklistFacts {
  const gaps = model.allGaps()
  const ownedFlags: { key: string; firstPeriod: number }[] = []
  const explained: { resource: string; period: number }[] = []
  plan.flags.forEach((flag) => {
    if (!(flag instanceof Y.Map) || flag.get('status') === 'resolved') return
    const cells = (Array.isArray(flag.get('cells')) ? flag.get('cells') : []) as Anchor[]
    const owner = flag.get('owner')
    for (const cell of cells) {
      if (typeof cell.key !== 'string' || typeof cell.period !== 'number') continue
      if (cell.measure === 'capacity') explained.push({ resource: cell.key, period: cell.period })
      else if (typeof owner === 'string' && owner !== '')
        ownedFlags.push({ key: cell.key, firstPeriod: cell.period })
    }
  })
  plan.comments.forEach((thread) => {
    const anchor =
      thread instanceof Y.Map ? (thread.get('anchor') as Anchor | undefined) : undefined
    if (anchor?.measure === 'capacity' && typeof anchor.key === 'string') {
      if (typeof anchor.period === 'number')
        explained.push({ resource: anchor.key, period: anchor.period })
    }
  })
  const overCapacity: { resource: string; period: number }[] = []
  for (const gap of gaps) {
    if (gap.kind !== 'overCapacity') continue
    for (let period = gap.firstPeriod; period <= gap.lastPeriod; period++)
      overCapacity.push({ resource: gap.key, period })
  }
  const { periodKind, firstPeriod } = plan.readMeta()
  const { first, length } = actualsSpan(plan)
  let lastClosedPeriod: number | null = null
  for (let period = first; period < first + length; period++) {
    if (periodStart(periodKind, firstPeriod, period + 1).getTime() > today.getTime()) break
    lastClosedPeriod = period
  }
  const skus = model.families().flatMap((family) => family.skus)
  const periodsWithActuals = new Set<number>()
  let forecastRunAt: string | null = null
  for (const sku of skus) {
    readActuals(plan, sku).forEach((value, i) => {
      if (value !== null) periodsWithActuals.add(first + i)
    })
    const runAt = readStatisticalForecast(plan, sku)?.runAt
    if (runAt && (forecastRunAt === null || runAt > forecastRunAt)) forecastRunAt = runAt
  }
  const closedAt =
    lastClosedPeriod === null
      ? null
      : periodStart(periodKind, firstPeriod, lastClosedPeriod + 1).toISOString()
  return {
    lastClosedPeriod,
    periodsWithActuals,
    actualsLoadedAt: closedAt,
    forecastRunAt,
    shortages: gaps
      .filter((gap) => gap.kind === 'shortage')
      .map((gap) => ({ sku: gap.key, firstPeriod: gap.firstPeriod })),
    ownedFlags,
    overCapacity,
    explained,
  }
}

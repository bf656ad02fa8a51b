import * as Y from 'yjs'
import type { ChecklistFacts, PlanDoc, PlanModel } from '@tandem/shared'

interface Anchor {
  measure?: unknown
  key?: unknown
  period?: unknown
}

/**
 * The checklist facts a board can compute today: shortages and their owned flags, over-capacity
 * periods and the comments or flags that explain them. Actuals and the statistical forecast are
 * left neutral (no closed period, nothing loaded), so those checks are not judged here.
 */
export function checklistFacts(plan: PlanDoc, model: PlanModel): ChecklistFacts {
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
  return {
    lastClosedPeriod: -1,
    periodsWithActuals: new Set(),
    actualsLoadedAt: null,
    forecastRunAt: null,
    shortages: gaps
      .filter((gap) => gap.kind === 'shortage')
      .map((gap) => ({ sku: gap.key, firstPeriod: gap.firstPeriod })),
    ownedFlags,
    overCapacity,
    explained,
  }
}

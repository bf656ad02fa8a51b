import * as Y from 'yjs'
import { HISTORY_PERIODS } from './actuals/history-periods.js'
import { createPlanDoc } from './create-plan-doc.js'
import type { OverrideReason } from './override-reasons/override-reason.js'
import { writeOverrideReason } from './override-reasons/override-reason.js'
import type { PlanInput } from './plan-input.js'
import { periodStart } from './periods.js'
import { seededRandom } from './seeded-random.js'
import type { VersionKind } from './api/plan-version.js'

/** Past cycles the demo plan ships with, one published per period before the plan starts. */
export const DEMO_CYCLES = 12

/** A past cycle's version of the demo plan: a snapshot of that cycle's plan. */
export interface DemoCycleVersion {
  id: string
  name: string
  note: string
  kind: VersionKind
  /** ISO time, inside the period it was published in. */
  createdAt: string
  /** Who took it: the sales submission is taken at Sam's sign-off, the consensus by Paula. */
  author: 'sales' | 'planner'
  snapshot: Uint8Array
}

/** One demand cell a person set during the past cycles (plan period, negative), for the history. */
export interface DemoCellWrite {
  author: 'sales' | 'planner'
  sku: string
  period: number
  value: number
}

const SALES_REASONS: OverrideReason[] = ['promotion', 'newCustomer', 'lostCustomer', 'priceChange']

/**
 * The demo plan's past: for each of the `DEMO_CYCLES` periods before the plan starts, a sales
 * submission and a consensus version of that cycle's 26-period plan (its statistical forecast
 * in the `forecast` root), the demand cells Sam (sales) overrode with a reason and Paula
 * (planner) changed in the consensus, and the actual production of those periods. The
 * baseline's error grows with the lag; about half of Sam's overrides move toward what was
 * really sold and half away (optimistic promotions, feared lost customers), and Paula undoes
 * part of some. Seeded: the same plan and seed always give the same cycles.
 */
export function demoCycles(
  input: PlanInput,
  seed = 42,
): {
  versions: DemoCycleVersion[]
  writes: DemoCellWrite[]
  actualProduction: Record<string, (number | null)[]>
} {
  const { periodKind, firstPeriod, periodCount } = input.meta
  const history = HISTORY_PERIODS[periodKind]
  const random = seededRandom(seed ^ 0xacc)
  const skus = input.items.map((item) => item.sku)
  const truth = (sku: string, t: number): number => {
    if (t < 0) {
      const a = input.actuals?.[sku]?.[history + t]
      if (typeof a === 'number') return a
      return 0
    }
    const row = input.demand[sku] ?? []
    return row[Math.min(t, row.length - 1)] ?? 0
  }
  // One override decision per closed cell, kept by every cycle that plans it.
  interface Override {
    reason: OverrideReason
    factor: number
    planner?: number
  }
  const overrides = new Map<string, Override>()
  for (const sku of skus)
    for (let t = -DEMO_CYCLES; t < 0; t++) {
      if (random.next() >= 0.12) continue
      const helps = random.next() < 0.5
      const reason = random.pick(SALES_REASONS)
      const up = reason === 'promotion' || reason === 'newCustomer'
      const factor = helps
        ? Number.NaN
        : up
          ? 1.2 + random.next() * 0.3
          : 0.65 + random.next() * 0.2
      const override: Override = { reason, factor }
      if (random.next() < 0.3) override.planner = 0.3 + random.next() * 0.4
      overrides.set(`${sku}@${t}`, override)
    }
  const versions: DemoCycleVersion[] = []
  const last = new Map<string, DemoCellWrite[]>()
  const supplyPlan = new Map<string, number>()
  for (let c = 0; c < DEMO_CYCLES; c++) {
    const published = c - DEMO_CYCLES
    const first = periodStart(periodKind, firstPeriod, published + 1)
      .toISOString()
      .slice(0, 10)
    const demandOf = {
      sales: {} as Record<string, number[]>,
      consensus: {} as Record<string, number[]>,
    }
    const baselines: Record<string, number[]> = {}
    const supply: Record<string, number[]> = {}
    const reasons: { sku: string; index: number; reason: OverrideReason }[] = []
    for (const sku of skus) {
      const sales: number[] = []
      const consensus: number[] = []
      const baseline: number[] = []
      const made: number[] = []
      for (let q = 0; q < periodCount; q++) {
        const t = published + 1 + q
        const actual = truth(sku, t)
        const spread = 0.16 * Math.sqrt(Math.min(q + 1, 6))
        const b = Math.max(0, Math.round(actual * (1 + (random.next() - 0.5) * 2 * spread)))
        let s = b
        let f = b
        const override = overrides.get(`${sku}@${t}`)
        if (override && q < 6) {
          s =
            override.factor === override.factor
              ? Math.round(b * override.factor)
              : Math.round(b + (actual - b) * (0.5 + random.next() * 0.4))
          f = override.planner === undefined ? s : Math.round(s + (b - s) * override.planner)
          if (s !== b) reasons.push({ sku, index: q, reason: override.reason })
          const writes: DemoCellWrite[] = [{ author: 'sales', sku, period: t, value: s }]
          if (f !== s) writes.push({ author: 'planner', sku, period: t, value: f })
          last.set(`${sku}@${t}`, writes)
        }
        baseline.push(b)
        sales.push(s)
        consensus.push(f)
        const planned = Math.round(f * (0.95 + random.next() * 0.1))
        made.push(planned)
        if (q === 0) supplyPlan.set(`${sku}@${t}`, planned)
      }
      demandOf.sales[sku] = sales
      demandOf.consensus[sku] = consensus
      baselines[sku] = baseline
      supply[sku] = made
    }
    const week = periodStart(periodKind, firstPeriod, published)
    const at = (days: number, hour: number) =>
      new Date(week.getTime() + days * 86_400_000 + hour * 3_600_000).toISOString()
    for (const kind of ['salesSubmission', 'consensus'] as const) {
      // A fixed clientID per version keeps the demo's bytes the same on every start.
      const doc = new Y.Doc()
      doc.clientID = 0xd0c0 + versions.length
      const plan = createPlanDoc(
        {
          ...input,
          meta: { ...input.meta, firstPeriod: first, name: `${input.meta.name} ${first}` },
          demand: kind === 'salesSubmission' ? demandOf.sales : demandOf.consensus,
          supply,
          actuals: undefined,
          actualProduction: undefined,
        },
        doc,
      )
      plan.doc.transact(() => {
        for (const sku of skus)
          plan.forecast.set(sku, { values: baselines[sku], method: 'combination' })
        for (const { sku, index, reason } of reasons)
          writeOverrideReason(plan, sku, index, { reason, note: '' })
      })
      versions.push({
        id: `cycle-${String(c + 1).padStart(2, '0')}-${kind === 'salesSubmission' ? 'sales' : 'consensus'}`,
        name: kind === 'salesSubmission' ? `Sales submission ${first}` : `Consensus ${first}`,
        note:
          kind === 'salesSubmission'
            ? 'Demand review signed off'
            : 'Published at the executive S&OP',
        kind,
        createdAt: kind === 'salesSubmission' ? at(1, 10) : at(3, 16),
        author: kind === 'salesSubmission' ? 'sales' : 'planner',
        snapshot: Y.encodeStateAsUpdate(plan.doc),
      })
      plan.doc.destroy()
    }
  }
  const lines = new Map<string, number>()
  for (const resource of input.meta.resources) lines.set(resource.id, 0.86 + random.next() * 0.16)
  const actualProduction: Record<string, (number | null)[]> = {}
  for (const item of input.items) {
    const row = new Array<number | null>(history + periodCount).fill(null)
    for (let t = -DEMO_CYCLES; t < 0; t++) {
      const planned = supplyPlan.get(`${item.sku}@${t}`)
      if (planned === undefined) continue
      const yieldOf = (lines.get(item.resource) ?? 0.95) + (random.next() - 0.5) * 0.12
      row[history + t] = Math.max(0, Math.round(planned * yieldOf))
    }
    actualProduction[item.sku] = row
  }
  const writes = [...last.values()].flat()
  writes.sort((a, b) => (a.author === b.author ? 0 : a.author === 'sales' ? -1 : 1))
  return { versions, writes, actualProduction }
}

import * as Y from 'yjs'
import type { Gap } from '../gap.js'
import type { FlagSeverity } from '../flags/gap-flag.js'
import type { PlanDoc } from '../plan-doc.js'
import type { PlanModel } from '../plan-model.js'
import type { AgendaItem } from './agenda-item.js'
import { MAX_AGENDA_ITEMS } from './agenda-item.js'

const WEIGHT: Record<FlagSeverity, number> = { high: 3, medium: 2, low: 1 }

/** Severity × value at risk: the order of the agenda, largest first. */
export function agendaScore(item: Pick<AgendaItem, 'severity' | 'risk'>): number {
  return WEIGHT[item.severity] * item.risk
}

/**
 * The meeting's agenda, built from the plan: every open flag, and every gap no open flag
 * tracks, ordered by severity × value at risk, largest first. Value at risk is money where the
 * SKU has a price (a shortage or a fall below safety stock puts revenue at risk, units × price;
 * excess ties up units × unit cost), else units (over capacity: the units required beyond
 * capacity). Money items come before unit items, since the two do not compare. At most
 * `MAX_AGENDA_ITEMS`.
 */
export function buildAgenda(plan: PlanDoc, model: PlanModel): AgendaItem[] {
  const gaps = model.allGaps()
  const covered = new Set<Gap>()
  const items: AgendaItem[] = []
  plan.flags.forEach((flag, flagId) => {
    if (!(flag instanceof Y.Map) || flag.get('status') === 'resolved') return
    const cells = (Array.isArray(flag.get('cells')) ? flag.get('cells') : []) as {
      key?: unknown
      period?: unknown
    }[]
    const tracked = gaps.filter((gap) =>
      cells.some(
        (cell) =>
          cell.key === gap.key &&
          typeof cell.period === 'number' &&
          cell.period >= gap.firstPeriod &&
          cell.period <= gap.lastPeriod,
      ),
    )
    for (const gap of tracked) covered.add(gap)
    const worst = tracked
      .map((gap) => ({ ...riskOf(plan, model, gap), severity: gap.severity }))
      .sort(byRisk)[0]
    const first = cells.find((cell) => typeof cell.key === 'string')
    const periods = cells.map((cell) => cell.period).filter((p) => typeof p === 'number')
    const severity = flag.get('severity')
    items.push({
      id: `flag-${flagId}`,
      source: 'flag',
      flagId,
      gapKind: tracked[0]?.kind ?? 'dataQuestion',
      key: tracked[0]?.key ?? (typeof first?.key === 'string' ? first.key : ''),
      firstPeriod: tracked[0]?.firstPeriod ?? (periods.length ? Math.min(...periods) : 0),
      lastPeriod: tracked[0]?.lastPeriod ?? (periods.length ? Math.max(...periods) : 0),
      severity: severity === 'high' || severity === 'low' ? severity : 'medium',
      risk: worst?.risk ?? 0,
      riskUnit: worst?.riskUnit ?? 'units',
      spentSeconds: 0,
    })
  })
  for (const gap of gaps) {
    if (covered.has(gap)) continue
    items.push({
      id: `gap-${gap.kind}-${gap.key}-${gap.firstPeriod}`,
      source: 'gap',
      gapKind: gap.kind,
      key: gap.key,
      firstPeriod: gap.firstPeriod,
      lastPeriod: gap.lastPeriod,
      severity: gap.severity,
      ...riskOf(plan, model, gap),
      spentSeconds: 0,
    })
  }
  return items.sort(byRisk).slice(0, MAX_AGENDA_ITEMS)
}

function byRisk(
  a: Pick<AgendaItem, 'severity' | 'risk' | 'riskUnit'> & { id?: string },
  b: Pick<AgendaItem, 'severity' | 'risk' | 'riskUnit'> & { id?: string },
): number {
  if (a.riskUnit !== b.riskUnit) return a.riskUnit === 'money' ? -1 : 1
  const order = agendaScore(b) - agendaScore(a)
  if (order !== 0) return order
  const [x = '', y = ''] = [a.id, b.id]
  return x < y ? -1 : x > y ? 1 : 0
}

function riskOf(plan: PlanDoc, model: PlanModel, gap: Gap): Pick<AgendaItem, 'risk' | 'riskUnit'> {
  if (gap.kind === 'overCapacity') {
    const view = model.resource(gap.key)
    let units = 0
    for (let p = gap.firstPeriod; p <= gap.lastPeriod; p++)
      units += Math.max(0, (view?.required[p] ?? 0) - (view?.capacity[p] ?? 0))
    return { risk: round(units), riskUnit: 'units' }
  }
  const units = Math.abs(gap.worst)
  const item = plan.readItem(gap.key)
  const perUnit = gap.kind === 'excess' ? (item?.unitCost ?? 0) : (item?.price ?? 0)
  return perUnit > 0
    ? { risk: round(units * perUnit), riskUnit: 'money' }
    : { risk: round(units), riskUnit: 'units' }
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}

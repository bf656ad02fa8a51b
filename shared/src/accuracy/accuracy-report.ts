import type {
  AccuracyOffender,
  AccuracyQuery,
  AccuracyReport,
  AccuracyStage,
  AccuracyTrendPoint,
  AttainmentRow,
  GroupStages,
  OverrideGroup,
  StageFigures,
} from '../api/accuracy-report.js'
import { ACCURACY_STAGES, MAX_ACCURACY_LAG } from '../api/accuracy-report.js'
import { periodKey, periodStart } from '../periods.js'
import { TRACKING_SIGNAL_LIMIT } from './accuracy-measures.js'
import type { AccuracyInput, AccuracySnapshot } from './accuracy-input.js'
import type { StageValueAdded } from './forecast-value-added.js'
import type { OverrideOutcome } from './override-value-added.js'
import { harmfulOverrides, overrideValueAdded } from './override-value-added.js'
import { snapshotAtLag } from './snapshot-at-lag.js'
import { StageSums } from './stage-sums.js'
import { worstOffenders } from './worst-offenders.js'

/** SKUs listed with their stages, the largest by actual volume. */
export const ACCURACY_SKU_ROWS = 500
const LIMIT = 20
const NAIVE = 0
const STATISTICAL = 1
const SALES = 2
const CONSENSUS = 3

/**
 * The Accuracy panel's figures: for each closed period with a snapshot at `query.lag`, each
 * stage's forecast (seasonal naive from the actuals; the statistical forecast, the sales
 * submission and the consensus from the versions published `lag` periods before) against the
 * actual, for the plan or the scope asked. Pure: the server runs it in a worker thread.
 */
export function accuracyReport(
  input: AccuracyInput,
  query: AccuracyQuery,
  computedAt: string,
): AccuracyReport {
  const lag = Math.min(MAX_ACCURACY_LAG, Math.max(1, Math.floor(query.lag)))
  const { skus, span, historyPeriods: history, actualDemand, actualProduction } = input
  const scope: number[] = []
  skus.forEach((item, i) => {
    if (query.family !== undefined && item.family !== query.family) return
    if (query.site !== undefined && item.site !== query.site) return
    if (query.sku !== undefined && item.sku !== query.sku) return
    scope.push(i)
  })
  let lastClosed = -Infinity
  for (const i of scope)
    for (let j = span - 1; j >= 0 && j - history > lastClosed; j--)
      if (actualDemand[i * span + j] === actualDemand[i * span + j]) {
        lastClosed = j - history
        break
      }
  const consensus = input.snapshots.filter((s) => s.kind === 'consensus')
  const sales = input.snapshots.filter((s) => s.kind === 'salesSubmission')
  const published = input.snapshots.map((s) => s.publishedPeriod)
  const first = Math.min(...published) + lag
  const last = Math.min(lastClosed, Math.max(...published) + lag)
  const hasWindow = published.length > 0 && Number.isFinite(last) && first <= last
  const key = (t: number) => periodKey(input.periodKind, input.firstPeriod, t)

  const rows = new Map<AccuracySnapshot, Int32Array>()
  const rowsOf = (snapshot: AccuracySnapshot) => {
    let map = rows.get(snapshot)
    if (!map) {
      const bySku = new Map(snapshot.skus.map((sku, row) => [sku, row]))
      map = Int32Array.from(skus, (item) => bySku.get(item.sku) ?? -1)
      rows.set(snapshot, map)
    }
    return map
  }
  const reasonsOf = new Map<AccuracySnapshot, Map<number, string>>()
  const reasonAt = (snapshot: AccuracySnapshot | null, row: number): string | undefined => {
    if (!snapshot || row < 0) return undefined
    let map = reasonsOf.get(snapshot)
    if (!map) {
      map = new Map(snapshot.reasons.map((r) => [r.row * snapshot.maxLag + r.offset, r.reason]))
      reasonsOf.set(snapshot, map)
    }
    return map.get(row * snapshot.maxLag + lag - 1)
  }
  const valueAt = (
    snapshot: AccuracySnapshot | null,
    values: 'demand' | 'baseline' | 'supply',
    sku: number,
  ) => {
    if (!snapshot) return Number.NaN
    const row = rowsOf(snapshot)[sku]!
    return row < 0 ? Number.NaN : snapshot[values][row * snapshot.maxLag + lag - 1]!
  }

  const season = Math.max(1, input.seasonLength)
  const naiveBack = Math.ceil(lag / season) * season
  const scales = new Float64Array(skus.length).fill(Number.NaN)
  for (const i of scope)
    scales[i] = naiveScale(actualDemand, i * span, lastClosed + history, season)

  const stages = [...ACCURACY_STAGES]
  const total = new StageSums(stages)
  const families = new Map<string, StageSums>()
  const perSku = new Map<number, StageSums>()
  const volume = new Map<number, number>()
  const trend: AccuracyTrendPoint[] = []
  const outcomes: OverrideOutcome[] = []
  const consensusSeries = new Map<number, { actual: number[]; forecast: number[] }>()
  const attainment = new Map<string, { site: string; planned: number; met: number }>()
  const attain = (key: string, site: string, plan: number, made: number) => {
    const row = attainment.get(key) ?? { site, planned: 0, met: 0 }
    row.planned += plan
    row.met += Math.min(plan, made)
    attainment.set(key, row)
  }
  const forecasts = new Float64Array(stages.length)

  for (let t = hasWindow ? first : 0; hasWindow && t <= last; t++) {
    const atConsensus = snapshotAtLag(consensus, t, lag)
    const atSales = snapshotAtLag(sales, t, lag)
    const period = new StageSums(stages)
    const column = t + history
    for (const i of scope) {
      const item = skus[i]!
      const actual = column >= 0 && column < span ? actualDemand[i * span + column]! : Number.NaN
      const back = column - naiveBack
      forecasts[NAIVE] = back >= 0 && back < span ? actualDemand[i * span + back]! : Number.NaN
      const salesBaseline = valueAt(atSales, 'baseline', i)
      forecasts[STATISTICAL] =
        salesBaseline === salesBaseline ? salesBaseline : valueAt(atConsensus, 'baseline', i)
      forecasts[SALES] = valueAt(atSales, 'demand', i)
      forecasts[CONSENSUS] = valueAt(atConsensus, 'demand', i)
      if (atConsensus) {
        const f = forecasts[CONSENSUS]!
        if (actual === actual && f === f) {
          let series = consensusSeries.get(i)
          if (!series) consensusSeries.set(i, (series = { actual: [], forecast: [] }))
          series.actual.push(actual)
          series.forecast.push(f)
        }
        const plan = valueAt(atConsensus, 'supply', i)
        const made =
          column >= 0 && column < span ? actualProduction[i * span + column]! : Number.NaN
        if (plan === plan && made === made) {
          attain('', '', plan, made)
          attain(`site:${item.site}`, item.site, plan, made)
          attain(`resource:${item.resource}`, item.site, plan, made)
        }
      }
      if (actual !== actual) continue
      const scale = scales[i]!
      total.add(actual, forecasts, scale)
      period.add(actual, forecasts, scale)
      let family = families.get(item.family)
      if (!family) families.set(item.family, (family = new StageSums(stages)))
      family.add(actual, forecasts, scale)
      let sku = perSku.get(i)
      if (!sku) perSku.set(i, (sku = new StageSums(stages)))
      sku.add(actual, forecasts, scale)
      volume.set(i, (volume.get(i) ?? 0) + actual)
      const baseline = forecasts[STATISTICAL]!
      const final = forecasts[CONSENSUS]!
      if (baseline === baseline && final === final && Math.abs(final - baseline) > 1e-9) {
        const reason =
          reasonAt(atConsensus, atConsensus ? rowsOf(atConsensus)[i]! : -1) ??
          reasonAt(atSales, atSales ? rowsOf(atSales)[i]! : -1) ??
          ''
        outcomes.push({
          sku: item.sku,
          period: t,
          userId: input.writers[`${item.sku}@${t}`] ?? '',
          reason,
          baseline,
          final,
          actual,
        })
      }
    }
    total.closePeriod()
    for (const sums of families.values()) sums.closePeriod()
    for (const sums of perSku.values()) sums.closePeriod()
    // The trend's tracking signal runs from the window's first period through this one.
    const running = total.finish()
    trend.push({
      period: t,
      periodKey: key(t),
      start: periodStart(input.periodKind, input.firstPeriod, t).toISOString().slice(0, 10),
      stages: figures(period.finish()).map((stage, s) => {
        const through = running[s]!.measures
        if (!stage.measures || !through) return stage
        const trackingSignal = through.trackingSignal
        const biased = trackingSignal !== null && Math.abs(trackingSignal) > TRACKING_SIGNAL_LIMIT
        return { ...stage, measures: { ...stage.measures, trackingSignal, biased } }
      }),
    })
  }

  const itemBySku = new Map(skus.map((item) => [item.sku, item]))
  const skuRows: GroupStages[] = [...perSku]
    .sort((a, b) => (volume.get(b[0]) ?? 0) - (volume.get(a[0]) ?? 0) || a[0] - b[0])
    .slice(0, ACCURACY_SKU_ROWS)
    .map(([i, sums]) => ({
      key: skus[i]!.sku,
      name: skus[i]!.name,
      stages: figures(sums.finish()),
    }))
  const groups = (by: 'userId' | 'reason'): OverrideGroup[] =>
    overrideValueAdded(outcomes, by).map((row) => ({
      ...row,
      name: by === 'userId' ? (input.names[row.key] ?? row.key) : row.key,
    }))
  const offenders: AccuracyOffender[] = worstOffenders(
    [...consensusSeries].map(([i, series]) => ({ sku: skus[i]!.sku, ...series })),
    LIMIT,
  ).map(({ sku, measures }) => {
    const item = itemBySku.get(sku)!
    return {
      sku,
      name: item.name,
      family: item.family,
      site: item.site,
      actualTotal: measures.actualTotal,
      forecastTotal: measures.forecastTotal,
      absoluteError: measures.absoluteError,
      wmape: measures.wmape,
      bias: measures.bias,
    }
  })
  const attainmentRow = (key: string, row = attainment.get(key)): AttainmentRow => ({
    key: key.slice(key.indexOf(':') + 1),
    site: row?.site ?? '',
    planned: row?.planned ?? 0,
    met: row?.met ?? 0,
    attainment: row && row.planned > 0 ? row.met / row.planned : null,
  })
  const attainmentKeys = (prefix: string) =>
    [...attainment.keys()].filter((k) => k.startsWith(prefix)).sort()

  return {
    planId: input.planId,
    lag,
    maxLag: MAX_ACCURACY_LAG,
    family: query.family ?? null,
    site: query.site ?? null,
    sku: query.sku ?? null,
    periodKind: input.periodKind,
    window: hasWindow ? { first, last, firstKey: key(first), lastKey: key(last) } : null,
    snapshots: { salesSubmission: sales.length, consensus: consensus.length },
    skuCount: scope.length,
    stages: figures(total.finish()),
    trend,
    families: [...families]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([family, sums]) => ({ key: family, name: family, stages: figures(sums.finish()) })),
    skus: skuRows,
    byPerson: groups('userId'),
    byReason: groups('reason'),
    harmful: harmfulOverrides(outcomes, LIMIT).map((row) => {
      const item = itemBySku.get(row.sku)!
      return { ...row, name: item.name, family: item.family, site: item.site }
    }),
    offenders,
    attainment: {
      total: attainmentRow(''),
      sites: attainmentKeys('site:').map((k) => attainmentRow(k)),
      resources: attainmentKeys('resource:').map((k) => attainmentRow(k)),
    },
    computedAt,
  }
}

function figures(stages: StageValueAdded[]): StageFigures[] {
  return stages.map((s) => ({ ...s, stage: s.stage as AccuracyStage }))
}

/** `seasonalNaiveScale` over one SKU's actuals in a packed array, through `end` inclusive. */
function naiveScale(values: Float64Array, offset: number, end: number, season: number): number {
  let total = 0
  let count = 0
  for (let j = season; j <= end; j++) {
    const now = values[offset + j]!
    const before = values[offset + j - season]!
    if (now !== now || before !== before) continue
    total += Math.abs(now - before)
    count++
  }
  return count === 0 ? Number.NaN : total / count
}

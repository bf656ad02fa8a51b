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
import type { AccuracyInput, AccuracySku, AccuracySnapshot } from './accuracy-input.js'
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
    if (!map) rows.set(snapshot, (map = snapshotRows(skus, snapshot.skus)))
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
    at: Int32Array | null,
    values: 'demand' | 'baseline' | 'supply',
    sku: number,
  ) => {
    if (!snapshot) return Number.NaN
    const row = at![sku]!
    return row < 0 ? Number.NaN : snapshot[values][row * snapshot.maxLag + lag - 1]!
  }

  const season = Math.max(1, input.seasonLength)
  const naiveBack = Math.ceil(lag / season) * season
  const scales = new Float64Array(skus.length).fill(Number.NaN)
  for (const i of scope)
    scales[i] = naiveScale(actualDemand, i * span, lastClosed + history, season)

  // Only the SKUs listed get per-SKU sums: the largest by actual volume over the window.
  const volume = new Float64Array(skus.length)
  const measured: number[] = []
  for (const i of scope) {
    let cells = 0
    for (let t = hasWindow ? first : 0; hasWindow && t <= last; t++) {
      const column = t + history
      const actual = column >= 0 && column < span ? actualDemand[i * span + column]! : Number.NaN
      if (actual !== actual) continue
      volume[i] += actual
      cells++
    }
    if (cells > 0) measured.push(i)
  }
  const listed = measured
    .sort((a, b) => volume[b]! - volume[a]! || a - b)
    .slice(0, ACCURACY_SKU_ROWS)
  const perSku: (StageSums | undefined)[] = new Array(skus.length)
  for (const i of listed) perSku[i] = new StageSums(ACCURACY_STAGES)

  const stages = [...ACCURACY_STAGES]
  const total = new StageSums(stages)
  const families = new Map<string, StageSums>()
  const familyOf: (StageSums | undefined)[] = new Array(skus.length)
  const trend: AccuracyTrendPoint[] = []
  const outcomes: OverrideOutcome[] = []
  const hasWriters = Object.keys(input.writers).length > 0
  const consensusSeries: ({ actual: number[]; forecast: number[] } | undefined)[] = new Array(
    skus.length,
  )
  const withSeries: number[] = []
  const attainment = new Map<string, { site: string; planned: number; met: number }>()
  const attainmentOf: { site: string; planned: number; met: number }[][] = new Array(skus.length)
  const attain = (key: string, site: string, plan: number, made: number) => {
    let row = attainment.get(key)
    if (!row) attainment.set(key, (row = { site, planned: 0, met: 0 }))
    row.planned += plan
    row.met += Math.min(plan, made)
    return row
  }
  const forecasts = new Float64Array(stages.length)

  for (let t = hasWindow ? first : 0; hasWindow && t <= last; t++) {
    const atConsensus = snapshotAtLag(consensus, t, lag)
    const atSales = snapshotAtLag(sales, t, lag)
    const consensusRows = atConsensus ? rowsOf(atConsensus) : null
    const salesRows = atSales ? rowsOf(atSales) : null
    const period = new StageSums(stages)
    const column = t + history
    const inSpan = column >= 0 && column < span
    for (const i of scope) {
      const item = skus[i]!
      const actual = inSpan ? actualDemand[i * span + column]! : Number.NaN
      const back = column - naiveBack
      forecasts[NAIVE] = back >= 0 && back < span ? actualDemand[i * span + back]! : Number.NaN
      const salesBaseline = valueAt(atSales, salesRows, 'baseline', i)
      forecasts[STATISTICAL] =
        salesBaseline === salesBaseline
          ? salesBaseline
          : valueAt(atConsensus, consensusRows, 'baseline', i)
      forecasts[SALES] = valueAt(atSales, salesRows, 'demand', i)
      forecasts[CONSENSUS] = valueAt(atConsensus, consensusRows, 'demand', i)
      if (atConsensus) {
        const f = forecasts[CONSENSUS]!
        if (actual === actual && f === f) {
          let series = consensusSeries[i]
          if (!series) {
            consensusSeries[i] = series = { actual: [], forecast: [] }
            withSeries.push(i)
          }
          series.actual.push(actual)
          series.forecast.push(f)
        }
        const plan = valueAt(atConsensus, consensusRows, 'supply', i)
        const made = inSpan ? actualProduction[i * span + column]! : Number.NaN
        if (plan === plan && made === made) {
          attain('', '', plan, made)
          const mine = attainmentOf[i]
          if (!mine) {
            attainmentOf[i] = [
              attain(`site:${item.site}`, item.site, plan, made),
              attain(`resource:${item.resource}`, item.site, plan, made),
            ]
          } else {
            for (const row of mine) {
              row.planned += plan
              row.met += Math.min(plan, made)
            }
          }
        }
      }
      if (actual !== actual) continue
      const scale = scales[i]!
      total.add(actual, forecasts, scale)
      period.add(actual, forecasts, scale)
      let family = familyOf[i]
      if (!family) {
        family = families.get(item.family)
        if (!family) families.set(item.family, (family = new StageSums(stages)))
        familyOf[i] = family
      }
      family.add(actual, forecasts, scale)
      perSku[i]?.add(actual, forecasts, scale)
      const baseline = forecasts[STATISTICAL]!
      const final = forecasts[CONSENSUS]!
      if (baseline === baseline && final === final && Math.abs(final - baseline) > 1e-9) {
        const reason =
          reasonAt(atConsensus, consensusRows ? consensusRows[i]! : -1) ??
          reasonAt(atSales, salesRows ? salesRows[i]! : -1) ??
          ''
        outcomes.push({
          sku: item.sku,
          period: t,
          userId: hasWriters ? (input.writers[`${item.sku}@${t}`] ?? '') : '',
          reason,
          baseline,
          final,
          actual,
        })
      }
    }
    total.closePeriod()
    for (const sums of families.values()) sums.closePeriod()
    for (const i of listed) perSku[i]!.closePeriod()
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
  const skuRows: GroupStages[] = listed.map((i) => ({
    key: skus[i]!.sku,
    name: skus[i]!.name,
    stages: figures(perSku[i]!.finish()),
  }))
  const groups = (by: 'userId' | 'reason'): OverrideGroup[] =>
    overrideValueAdded(outcomes, by).map((row) => ({
      ...row,
      name: by === 'userId' ? (input.names[row.key] ?? row.key) : row.key,
    }))
  const offenders: AccuracyOffender[] = worstOffenders(
    withSeries.map((i) => ({ sku: skus[i]!.sku, ...consensusSeries[i]! })),
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
    skuRows: skuRows.length,
    skuOffset: 0,
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

/**
 * Each live SKU's row in a snapshot (−1: none). Both lists are usually sorted (the live plan's
 * and every extracted version's are), and then one merge finds them without a map.
 */
function snapshotRows(skus: readonly AccuracySku[], rows: readonly string[]): Int32Array {
  const found = new Int32Array(skus.length).fill(-1)
  if (!isSorted(skus, (item) => item.sku) || !isSorted(rows, (sku) => sku)) {
    const bySku = new Map(rows.map((sku, row) => [sku, row]))
    skus.forEach((item, i) => (found[i] = bySku.get(item.sku) ?? -1))
    return found
  }
  for (let i = 0, row = 0; i < skus.length && row < rows.length;) {
    const sku = skus[i]!.sku
    const at = rows[row]!
    if (sku === at) found[i++] = row++
    else if (sku < at) i++
    else row++
  }
  return found
}

function isSorted<T>(list: readonly T[], key: (entry: T) => string): boolean {
  for (let i = 1; i < list.length; i++) if (key(list[i - 1]!) >= key(list[i]!)) return false
  return true
}

import { performance } from 'node:perf_hooks'
import {
  accuracyMeasures,
  forecastValueAdded,
  proposeSupply,
  rollUpBuckets,
  seasonalNaiveScale,
  seededRandom,
  snapshotAtLag,
  timeBuckets,
  worstOffenders,
  type ProposalItem,
} from '@tandem/shared'
import { markdownTable } from './markdown-table.js'
import { percentile } from './percentile.js'

/** One pure computation measured over several runs. */
interface ComputeFigure {
  what: string
  samplesMs: number[]
  targetMs: number | undefined
}

/**
 * The `compute` scenario: the pure functions behind the board's heavy views, on a 10,000 SKU ×
 * 104 week plan. They run synchronously, so their time is also how long they would hold an event
 * loop; the server runs the heavy ones in a worker thread.
 */
export function computeRun(runs: number, skuCount = 10_000, periodCount = 104): ComputeFigure[] {
  const random = seededRandom(17)
  const resources = Array.from({ length: 50 }, (_, r) => `line-${r}`)
  const items: ProposalItem[] = Array.from({ length: skuCount }, (_, i) => {
    const base = random.int(20, 200)
    const demand = Array.from({ length: periodCount }, () =>
      Math.max(0, base + random.int(-30, 30)),
    )
    return {
      sku: `SKU-${String(i).padStart(5, '0')}`,
      resource: resources[i % resources.length]!,
      openingStock: base * 2,
      safetyStock: base,
      maxStock: base * 6,
      leadTime: random.int(0, 2),
      minBatch: base,
      lotSize: 10,
      demand,
      supply: demand.map(() => 0),
    }
  })
  const perResource = skuCount / resources.length
  const capacity = Object.fromEntries(
    resources.map((r) => [r, Array.from({ length: periodCount }, () => perResource * 115)]),
  )
  const lags = 12
  const closed = Math.min(52, periodCount)
  const actuals = items.map((item) => item.demand.slice(0, closed))
  const snapshots = Array.from({ length: closed + lags }, (_, v) => ({
    id: `v${v}`,
    publishedPeriod: v - lags,
    publishedAt: new Date(Date.UTC(2026, 0, 1 + v)).toISOString(),
  }))
  const versionForecasts = items.map((item) =>
    Array.from({ length: lags }, (_, lag) =>
      item.demand.slice(0, closed).map((a) => a * (1 + (random.next() - 0.5) * 0.1 * (lag + 1))),
    ),
  )

  const figures: ComputeFigure[] = [
    {
      what: `supply proposal, ${skuCount} SKUs × ${periodCount} weeks, ${resources.length} resources`,
      samplesMs: [],
      targetMs: 3000,
    },
    {
      what: `accuracy and FVA, ${skuCount} SKUs × ${closed} closed periods × ${lags} lags`,
      samplesMs: [],
      targetMs: 2000,
    },
    {
      what: `time roll-up to months and quarters, ${skuCount} SKUs × 3 rows`,
      samplesMs: [],
      targetMs: 100,
    },
  ]
  for (let run = 0; run < runs; run++) {
    figures[0]!.samplesMs.push(
      timed(() => proposeSupply({ periodCount, frozenThrough: 3, items, capacity })),
    )
    figures[1]!.samplesMs.push(
      timed(() => {
        // Which snapshot forecast each closed period at each lag is plan-wide: find it once.
        const atLag = Array.from({ length: lags }, (_, lag) =>
          actuals[0]!.map((_, period) => snapshotAtLag(snapshots, period, lag + 1) !== null),
        )
        const series = []
        for (let s = 0; s < items.length; s++) {
          const scale = seasonalNaiveScale(actuals[s]!, 52)
          for (let lag = 1; lag <= lags; lag++) {
            const forecast = actuals[s]!.map((_, period) =>
              atLag[lag - 1]![period] ? versionForecasts[s]![lag - 1]![period]! : null,
            )
            const measures = accuracyMeasures(actuals[s]!, forecast, scale)
            if (lag === 1)
              series.push({ sku: items[s]!.sku, actual: actuals[s]!, forecast, measures })
          }
          forecastValueAdded(actuals[s]!, [
            { stage: 'naive', forecast: versionForecasts[s]![lags - 1]! },
            { stage: 'consensus', forecast: versionForecasts[s]![0]! },
          ])
        }
        worstOffenders(series, 20)
      }),
    )
    figures[2]!.samplesMs.push(
      timed(() => {
        for (const grain of ['month', 'quarter'] as const) {
          const buckets = timeBuckets('week', '2026-01-05', periodCount, grain)
          for (const item of items) {
            rollUpBuckets(item.demand, buckets, 'flow')
            rollUpBuckets(item.supply, buckets, 'flow')
            rollUpBuckets(item.demand, buckets, 'stock')
          }
        }
      }),
    )
  }
  return figures
}

/** The compute figures as Markdown, with PASS or MISS against each target. */
export function computeTable(figures: ComputeFigure[]): string {
  const rows = figures.map((figure) => {
    const median = percentile(figure.samplesMs, 50)
    return [
      figure.what,
      `${median.toFixed(0)} ms (${Math.min(...figure.samplesMs).toFixed(0)}–${Math.max(...figure.samplesMs).toFixed(0)})`,
      figure.targetMs === undefined ? 'n/a' : `≤ ${figure.targetMs} ms`,
      figure.targetMs === undefined ? 'n/a' : median <= figure.targetMs ? 'PASS' : 'MISS',
    ]
  })
  return markdownTable(['computation', 'median (min–max)', 'target', 'verdict'], rows)
}

function timed(work: () => unknown): number {
  const started = performance.now()
  work()
  return performance.now() - started
}

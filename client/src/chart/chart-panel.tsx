import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import type { PlanDoc, PlanMeta, PlanModel } from '@tandem/shared'
import { forecastSeries } from '../forecast/forecast-series.js'
import { useFormatters } from '../i18n/use-formatters.js'
import { chartSeries } from './chart-series.js'
import type { ChartSubject } from './chart-subject.js'

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

interface ChartPanelProps {
  model: PlanModel
  plan: PlanDoc
  meta: PlanMeta
  /** The SKUs drawn (summed) and the title: what the filters leave of the chosen row. */
  subject: ChartSubject
  /** Changes when a forecast run or actuals arrive. */
  forecastTick: number
}

/**
 * One time axis for the selected SKU or family: a year of history (actuals), the statistical
 * forecast with its 80 % band, the demand plan, supply and projected inventory against safety
 * stock.
 */
export default function ChartPanel({ model, plan, meta, subject, forecastTick }: ChartPanelProps) {
  const { t } = useTranslation()
  const format = useFormatters(meta.decimals)
  const element = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts>(undefined)
  const [tick, setTick] = useState(0)

  useEffect(() => {
    if (!element.current) return
    const instance = echarts.init(element.current)
    chart.current = instance
    const observer = new ResizeObserver(() => instance.resize())
    observer.observe(element.current)
    return () => {
      observer.disconnect()
      instance.dispose()
      chart.current = undefined
    }
  }, [])

  useEffect(() => {
    let frame = 0
    const skus = new Set(subject.skus)
    const stop = model.onChange((change) => {
      const hit = [...change.skus].some((sku) => skus.has(sku))
      if (hit && frame === 0) {
        frame = requestAnimationFrame(() => {
          frame = 0
          setTick((n) => n + 1)
        })
      }
    })
    return () => {
      stop()
      cancelAnimationFrame(frame)
    }
  }, [model, subject])

  const series = useMemo(
    () =>
      subject.skus.length > 0 ? chartSeries(model, subject.skus, meta.periodCount) : undefined,
    // tick: the model changed this subject's numbers.
    [model, subject, meta.periodCount, tick],
  )
  const statistical = useMemo(
    () => (subject.skus.length > 0 ? forecastSeries(plan, subject.skus) : undefined),
    // forecastTick: a forecast run or actuals arrived.
    [plan, subject, forecastTick],
  )
  const title = series ? subject.title : ''

  useEffect(() => {
    if (!chart.current || !series || !statistical) return
    const before = statistical.historyShown
    const labels = Array.from({ length: before + meta.periodCount }, (_, i) =>
      format.period(meta.periodKind, meta.firstPeriod, i - before),
    )
    const history = new Array<null>(before).fill(null)
    const plan = <T,>(values: T[]) => [...history, ...values]
    const band = statistical.upper80.map((upper, p) => {
      const lower = statistical.lower80[p]
      return upper === null || lower === null ? null : upper - lower
    })
    chart.current.setOption(
      {
        animation: false,
        tooltip: {
          trigger: 'axis',
          valueFormatter: (v: unknown) =>
            v === null || v === undefined || v === '-' ? '–' : format.number(Number(v)),
        },
        legend: { top: 0 },
        grid: { left: 56, right: 16, top: 32, bottom: 28 },
        xAxis: { type: 'category', data: labels },
        yAxis: { type: 'value', axisLabel: { formatter: (v: number) => format.number(v) } },
        series: [
          {
            name: t('measure.demand'),
            type: 'bar',
            data: plan(series.demand),
            itemStyle: { color: '#5b8def' },
          },
          {
            name: t('measure.supply'),
            type: 'bar',
            data: plan(series.supply),
            itemStyle: { color: '#7cc49a' },
          },
          {
            name: t('measure.projected'),
            type: 'line',
            data: plan(series.projected),
            itemStyle: { color: '#1f4e79' },
            lineStyle: { width: 2 },
          },
          {
            name: t('chart.safetyStock'),
            type: 'line',
            data: labels.map(() => series.safetyStock),
            symbol: 'none',
            itemStyle: { color: '#d9480f' },
            lineStyle: { type: 'dashed', width: 1.5 },
          },
          {
            name: t('measure.actuals'),
            type: 'line',
            data: statistical.actuals,
            symbol: 'none',
            itemStyle: { color: '#475569' },
            lineStyle: { width: 1.5 },
          },
          {
            name: t('measure.statistical'),
            type: 'line',
            data: plan(statistical.baseline),
            symbol: 'none',
            itemStyle: { color: '#7048e8' },
            lineStyle: { width: 2, type: 'dashed' },
          },
          {
            name: t('chart.band'),
            type: 'line',
            stack: 'band',
            data: plan(statistical.lower80),
            symbol: 'none',
            lineStyle: { opacity: 0 },
            itemStyle: { color: '#b197fc' },
            tooltip: { show: false },
          },
          {
            name: t('chart.band'),
            type: 'line',
            stack: 'band',
            data: plan(band),
            symbol: 'none',
            lineStyle: { opacity: 0 },
            areaStyle: { color: 'rgba(151, 117, 250, 0.22)' },
            itemStyle: { color: '#b197fc' },
            tooltip: { show: false },
          },
        ],
      },
      { notMerge: true },
    )
  }, [series, statistical, meta, format, t, tick])

  return (
    <section
      className="chart-panel"
      data-testid="chart-panel"
      data-sku-count={subject.skus.length}
      data-history={statistical?.actuals.some((v) => v !== null) ? 'shown' : 'none'}
      data-baseline={statistical?.baseline.some((v) => v !== null) ? 'shown' : 'none'}
      aria-label={title || t('board.chart')}
    >
      <h3 className="chart-title">{title || t('chart.empty')}</h3>
      <div className="chart" ref={element} />
    </section>
  )
}

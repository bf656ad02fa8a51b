import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import type { PlanMeta, PlanModel } from '@tandem/shared'
import { useFormatters } from '../i18n/use-formatters.js'
import { chartSeries } from './chart-series.js'
import type { ChartTarget } from './chart-target.js'

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

interface ChartPanelProps {
  model: PlanModel
  meta: PlanMeta
  target: ChartTarget | undefined
}

/** Demand, supply and projected inventory against safety stock for the selected SKU or family. */
export default function ChartPanel({ model, meta, target }: ChartPanelProps) {
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
    if (!target) return
    let frame = 0
    const stop = model.onChange((change) => {
      const hit =
        target.kind === 'sku' ? change.skus.has(target.sku) : change.families.has(target.family)
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
  }, [model, target])

  const series = useMemo(
    () => (target ? chartSeries(model, target) : undefined),
    // tick: the model changed this target's numbers.
    [model, target, tick],
  )
  const title = series
    ? target?.kind === 'family'
      ? t('chart.familyTitle', { name: series.title })
      : t('chart.title', { name: series.title })
    : ''

  useEffect(() => {
    if (!chart.current || !series) return
    const labels = Array.from({ length: meta.periodCount }, (_, p) =>
      format.period(meta.periodKind, meta.firstPeriod, p),
    )
    chart.current.setOption(
      {
        animation: false,
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => format.number(Number(v)) },
        legend: { top: 0 },
        grid: { left: 56, right: 16, top: 32, bottom: 28 },
        xAxis: { type: 'category', data: labels },
        yAxis: { type: 'value', axisLabel: { formatter: (v: number) => format.number(v) } },
        series: [
          {
            name: t('measure.demand'),
            type: 'bar',
            data: series.demand,
            itemStyle: { color: '#5b8def' },
          },
          {
            name: t('measure.supply'),
            type: 'bar',
            data: series.supply,
            itemStyle: { color: '#7cc49a' },
          },
          {
            name: t('measure.projected'),
            type: 'line',
            data: series.projected,
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
        ],
      },
      { notMerge: true },
    )
  }, [series, meta, format, t, tick])

  return (
    <section
      className="chart-panel"
      data-testid="chart-panel"
      aria-label={title || t('board.chart')}
    >
      <h3 className="chart-title">{title || t('chart.empty')}</h3>
      <div className="chart" ref={element} />
    </section>
  )
}

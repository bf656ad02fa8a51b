import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import type { AccuracyTrendPoint } from '@tandem/shared'
import type { TrendMeasure } from './trend-measures.js'

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

/**
 * One measure per closed period, one line per stage; a period without data is a gap, not 0.
 * The tracking signal of a period runs from the window's first period through it.
 */
export default function AccuracyTrendChart({
  trend,
  measure = 'wmape',
}: {
  trend: AccuracyTrendPoint[]
  measure?: TrendMeasure
}) {
  const { t } = useTranslation()
  const element = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!element.current) return
    const chart = echarts.init(element.current)
    const stages = trend[0]?.stages.map((s) => s.stage) ?? []
    const percent = measure === 'wmape' || measure === 'bias'
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { data: stages.map((s) => t(`accuracy.stages.${s}`)), top: 0 },
      grid: { left: 48, right: 16, top: 48, bottom: 28 },
      xAxis: { type: 'category', data: trend.map((p) => p.periodKey) },
      yAxis: { type: 'value', name: `${t(`accuracy.${measure}`)}${percent ? ' %' : ''}` },
      series: stages.map((stage, s) => ({
        name: t(`accuracy.stages.${stage}`),
        type: 'line',
        connectNulls: false,
        data: trend.map((p) => {
          const value = p.stages[s]?.measures?.[measure]
          if (value == null) return null
          return percent ? Math.round(value * 1000) / 10 : Math.round(value * 100) / 100
        }),
      })),
    })
    return () => chart.dispose()
  }, [trend, measure, t])
  return (
    <div
      ref={element}
      className="accuracy-chart"
      data-testid="accuracy-trend"
      data-measure={measure}
    />
  )
}

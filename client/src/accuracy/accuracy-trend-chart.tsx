import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import type { AccuracyTrendPoint } from '@tandem/shared'

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

/** WMAPE per closed period, one line per stage; a period without data is a gap, not 0. */
export function AccuracyTrendChart({ trend }: { trend: AccuracyTrendPoint[] }) {
  const { t } = useTranslation()
  const element = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!element.current) return
    const chart = echarts.init(element.current)
    const stages = trend[0]?.stages.map((s) => s.stage) ?? []
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { data: stages.map((s) => t(`accuracy.stages.${s}`)) },
      grid: { left: 48, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: trend.map((p) => p.periodKey) },
      yAxis: { type: 'value', name: 'WMAPE %' },
      series: stages.map((stage, s) => ({
        name: t(`accuracy.stages.${stage}`),
        type: 'line',
        connectNulls: false,
        data: trend.map((p) => {
          const wmape = p.stages[s]?.measures?.wmape
          return wmape == null ? null : Math.round(wmape * 1000) / 10
        }),
      })),
    })
    return () => chart.dispose()
  }, [trend, t])
  return <div ref={element} className="accuracy-chart" data-testid="accuracy-trend" />
}

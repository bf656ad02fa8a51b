import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import type { ExecutiveSummary, PlanMeta } from '@tandem/shared'
import type { Formatters } from '../i18n/use-formatters.js'
import type { MoneyFormat } from './money-format.js'

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

interface ExecutiveChartProps {
  summary: ExecutiveSummary
  meta: PlanMeta
  format: Formatters
  money: MoneyFormat
}

/** Revenue planned per period (bars) and inventory value (line), in type a room can read. */
export default function ExecutiveChart({ summary, meta, format, money }: ExecutiveChartProps) {
  const { t } = useTranslation()
  const element = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts>(undefined)

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
    const labels = summary.revenueByPeriod.map((_, p) =>
      format.period(meta.periodKind, meta.firstPeriod, p),
    )
    const text = { fontSize: 18 }
    chart.current?.setOption(
      {
        animation: false,
        textStyle: text,
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => money.whole(Number(v)) },
        legend: { top: 0, textStyle: { fontSize: 20 } },
        grid: { left: 90, right: 90, top: 50, bottom: 50 },
        xAxis: { type: 'category', data: labels, axisLabel: text },
        yAxis: [
          { type: 'value', axisLabel: { ...text, formatter: (v: number) => money.compact(v) } },
          { type: 'value', axisLabel: { ...text, formatter: (v: number) => money.compact(v) } },
        ],
        series: [
          {
            name: t('executive.revenuePlanned'),
            type: 'bar',
            data: summary.revenueByPeriod,
            itemStyle: { color: '#1f4e79' },
          },
          {
            name: t('executive.inventoryValue'),
            type: 'line',
            yAxisIndex: 1,
            data: summary.inventoryValueByPeriod,
            lineStyle: { width: 4 },
            itemStyle: { color: '#d97706' },
          },
        ],
      },
      true,
    )
  }, [summary, meta, format, money, t])

  return <div className="executive-chart" ref={element} data-testid="executive-chart" />
}

import { useEffect, useState } from 'react'
import type { PlanDoc } from '@tandem/shared'

/**
 * A number that changes whenever a forecast run writes the `forecast` root or actuals change,
 * so the board repaints its Statistical forecast and Actuals rows (and the chart) live.
 */
export function useForecastTick(plan: PlanDoc): number {
  const [tick, setTick] = useState(0)
  useEffect(() => {
    let frame = 0
    const bump = () => {
      if (frame !== 0) return
      frame = requestAnimationFrame(() => {
        frame = 0
        setTick((n) => n + 1)
      })
    }
    plan.forecast.observeDeep(bump)
    plan.actuals.observeDeep(bump)
    plan.overrideReasons.observe(bump)
    return () => {
      cancelAnimationFrame(frame)
      plan.forecast.unobserveDeep(bump)
      plan.actuals.unobserveDeep(bump)
      plan.overrideReasons.unobserve(bump)
    }
  }, [plan])
  return tick
}
